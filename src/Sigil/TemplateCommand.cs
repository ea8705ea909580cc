using ExternalSecrets.Templating.Tool;

namespace Sigil;

/// <summary><c>sigil template</c>: renders an ESO template offline (see <see cref="TemplateTool"/>).</summary>
internal static class TemplateCommand
{
    public const string Summary = "render a Go/ESO template with JSON data (like esoctl template)";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        // Rendered secrets may be binary: write bytes to the underlying stream when there is one.
        await stdout.FlushAsync(ct);
        if (ReferenceEquals(stdout, Console.Out))
        {
            await using var console = Console.OpenStandardOutput();
            return TemplateTool.Run(args, File.ReadAllBytes, console, stderr, ct);
        }

        if (stdout is StreamWriter { BaseStream: var stream })
        {
            return TemplateTool.Run(args, File.ReadAllBytes, stream, stderr, ct);
        }

        using var buffer = new MemoryStream();
        var rc = TemplateTool.Run(args, File.ReadAllBytes, buffer, stderr, ct);
        await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return rc;
    }
}
