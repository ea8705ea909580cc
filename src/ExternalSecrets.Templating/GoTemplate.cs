using System.Text;
using ExternalSecrets.Templating.Execution;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Parsing;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating;

/// <summary>
/// A parsed Go template (Go's <c>*template.Template</c> with its associated <c>define</c>d
/// templates). Parse once, execute many times, from any number of threads: the parsed tree is
/// immutable and each execution has its own state.
/// </summary>
public sealed class GoTemplate
{
    private readonly Dictionary<string, Tree> _trees;
    private readonly TemplateOptions _options;

    private GoTemplate(string name, Dictionary<string, Tree> trees, TemplateOptions options)
    {
        Name = name;
        _trees = trees;
        _options = options;
    }

    public string Name { get; }

    /// <summary>Names of all templates in the set (the top-level one and every define/block).</summary>
    public IReadOnlyCollection<string> TemplateNames => _trees.Keys;

    /// <summary>Parses <paramref name="text"/> (UTF-8 encoded) as template <paramref name="name"/>.</summary>
    /// <exception cref="TemplateParseException">The text is not a valid template.</exception>
    public static GoTemplate Parse(string name, string text, TemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(name, Encoding.UTF8.GetBytes(text), options);
    }

    /// <summary>Parses template text given as bytes.</summary>
    public static GoTemplate Parse(string name, ReadOnlySpan<byte> text, TemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= TemplateOptions.Default;
        if (options.LeftDelimiter.Length == 0 || options.RightDelimiter.Length == 0)
        {
            options = options with
            {
                LeftDelimiter = options.LeftDelimiter.Length == 0 ? "{{" : options.LeftDelimiter,
                RightDelimiter = options.RightDelimiter.Length == 0 ? "}}" : options.RightDelimiter,
            };
        }

        var trees = new Dictionary<string, Tree>(StringComparer.Ordinal);
        Parser.Parse(name, text.ToArray(), options, trees);
        return new GoTemplate(name, trees, options);
    }

    /// <summary>Executes the template with <paramref name="data"/> (model values, or CLR data converted by <see cref="GoValues.FromClr"/>).</summary>
    /// <exception cref="TemplateExecException">Execution failed; <see cref="TemplateLimitException"/> when a limit was reached.</exception>
    public GoString Execute(object? data, CancellationToken cancellationToken = default)
    {
        // Render into a per-thread scratch buffer and copy once, so a render allocates only its result.
        var output = t_scratch ?? new GoStringBuilder(1024);
        t_scratch = null;
        try
        {
            output.Clear();
            Execute(output, data, cancellationToken);
            return output.ToGoString();
        }
        finally
        {
            // Rendered secrets must not linger in the pooled buffer.
            output.ClearWritten();
            if (output.Capacity <= 64 * 1024)
            {
                t_scratch = output;
            }
        }
    }

    [ThreadStatic]
    private static GoStringBuilder? t_scratch;

    /// <summary>Executes into <paramref name="output"/>. On failure the text written before the error stays in it, as with Go's writer.</summary>
    public void Execute(GoStringBuilder output, object? data, CancellationToken cancellationToken = default) =>
        ExecuteTemplate(output, Name, data, cancellationToken);

    /// <summary>Executes the associated template <paramref name="name"/> (Go's <c>ExecuteTemplate</c>).</summary>
    public void ExecuteTemplate(GoStringBuilder output, string name, object? data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!_trees.TryGetValue(name, out var tree))
        {
            var quotedName = GoQuote.Quote(GoString.FromUtf8(name));
            var quotedTop = GoQuote.Quote(GoString.FromUtf8(Name));
            throw new TemplateExecException(name == Name
                ? $"template: {quotedTop}: {quotedName} is an incomplete or empty template"
                : $"template: no template {quotedName} associated with template {quotedTop}");
        }

        Executor.Run(_trees, tree, _options, output, GoValues.FromClr(data), cancellationToken);
    }

    /// <summary>Convenience for text output: executes and decodes the bytes as UTF-8.</summary>
    public string ExecuteToString(object? data, CancellationToken cancellationToken = default) =>
        Execute(data, cancellationToken).ToUtf8String();
}
