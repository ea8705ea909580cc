namespace Sigil;

/// <summary>The sub-commands of <c>sigil</c>. Each entry is one file in this folder.</summary>
internal static class CommandTable
{
    private static readonly SortedDictionary<string, (string Summary, Func<string[], TextWriter, TextWriter, CancellationToken, Task<int>> Run)> Commands =
        new(StringComparer.Ordinal)
        {
            // Sub-commands register here, one line each.
            ["apiserver"] = (ApiServerCommand.Summary, ApiServerCommand.RunAsync),
            ["template"] = (TemplateCommand.Summary, TemplateCommand.RunAsync),
            ["up"] = (UpCommand.Summary, UpCommand.RunAsync),
            ["controller"] = (ControllerCommand.Summary, ControllerCommand.RunAsync),
        };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await WriteUsageAsync(stdout);
            return args.Length == 0 ? 2 : 0;
        }

        if (!Commands.TryGetValue(args[0], out var command))
        {
            await stderr.WriteLineAsync($"error: unknown command \"{args[0]}\"; run 'sigil --help' for the list");
            return 2;
        }

        return await command.Run(args[1..], stdout, stderr, ct);
    }

    private static async Task WriteUsageAsync(TextWriter stdout)
    {
        await stdout.WriteLineAsync("sigil - GitOps runtime secrets for Kubernetes\n\nUsage: sigil <command> [flags]\n\nCommands:");
        foreach (var (name, entry) in Commands)
        {
            await stdout.WriteLineAsync($"  {name,-28} {entry.Summary}");
        }
    }
}
