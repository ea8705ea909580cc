namespace SealedSecrets.Kubeseal.Cli;

/// <summary>A command line that cannot be parsed: printed with the usage, exit 2 (pflag ExitOnError).</summary>
internal sealed class UsageException(string message) : Exception(message);
