using System.Text.Json;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Tool;

/// <summary>
/// <c>sigil template</c>: render a template offline the way ESO renders <c>target.template</c>
/// (missingkey=error, ESO's functions, configurable delimiters), like ESO's <c>esoctl template</c>.
/// The CLI reads files and passes their bytes; this class parses flags, renders and reports.
/// Exit codes: 0 rendered, 1 template or data error, 2 usage error.
/// </summary>
public static class TemplateTool
{
    public const string Usage = """
        Usage: sigil template --template FILE --data FILE.json [--left-delimiter X] [--right-delimiter Y]

        Renders a Go template (ESO template engine v2: sprig + ESO functions, missingkey=error) and
        prints the result to stdout.

          --template FILE          template text
          --data FILE.json         data: ESO's string map ({"key": "value"}) or any JSON value
                                   (numbers are float64, as Go's encoding/json decodes them)
          --left-delimiter X       left action delimiter (default "{{")
          --right-delimiter Y      right action delimiter (default "}}")
        """;

    /// <param name="args">Arguments after <c>template</c>.</param>
    /// <param name="readFile">Reads a named file (the CLI's file system access).</param>
    /// <param name="stdout">Receives the rendered bytes unchanged (binary output is not re-encoded).</param>
    /// <param name="stderr">Receives <c>error: …</c> lines and usage.</param>
    public static int Run(IReadOnlyList<string> args, Func<string, byte[]> readFile, Stream stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(readFile);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        string? templateFile = null, dataFile = null, left = null, right = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                stderr.WriteLine(Usage);
                return 2;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 && arg.StartsWith("--", StringComparison.Ordinal) ? arg[..eq] : arg;
            string? value = eq > 0 && arg.StartsWith("--", StringComparison.Ordinal) ? arg[(eq + 1)..] : null;
            if (name is not ("--template" or "--data" or "--left-delimiter" or "--right-delimiter"))
            {
                return UsageError(stderr, $"unknown flag \"{arg}\"");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    return UsageError(stderr, $"flag {name} needs a value");
                }

                value = args[++i];
            }

            switch (name)
            {
                case "--template": templateFile = value; break;
                case "--data": dataFile = value; break;
                case "--left-delimiter": left = value; break;
                default: right = value; break;
            }
        }

        if (templateFile is null || dataFile is null)
        {
            return UsageError(stderr, "--template and --data are required");
        }

        if (!TryRead(readFile, templateFile, "template", stderr, out var templateText) ||
            !TryRead(readFile, dataFile, "data", stderr, out var dataJson))
        {
            return 1;
        }

        object? data;
        try
        {
            data = GoJson.DecodeTemplateData(dataJson);
        }
        catch (JsonException e)
        {
            stderr.WriteLine($"error: data file \"{dataFile}\" is not valid JSON: {e.Message}");
            return 1;
        }

        var options = new TemplateOptions
        {
            Funcs = TemplateFunctionSets.Eso(),
            MissingKey = MissingKeyMode.Error,
            LeftDelimiter = left ?? "{{",
            RightDelimiter = right ?? "}}",
        };
        var output = new GoStringBuilder(1024);
        try
        {
            var template = GoTemplate.Parse(Path.GetFileName(templateFile), templateText, options);
            template.Execute(output, data, cancellationToken);
        }
        catch (TemplateException e)
        {
            stderr.WriteLine("error: " + e.Message);
            return 1;
        }

        stdout.Write(output.WrittenSpan);
        stdout.Flush();
        return 0;
    }

    private static bool TryRead(Func<string, byte[]> readFile, string path, string what, TextWriter stderr, out byte[] bytes)
    {
        try
        {
            bytes = readFile(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read {what} file \"{path}\": {e.Message}");
            bytes = [];
            return false;
        }
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        stderr.WriteLine(Usage);
        return 2;
    }
}
