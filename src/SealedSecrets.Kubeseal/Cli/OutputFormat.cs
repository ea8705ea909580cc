namespace SealedSecrets.Kubeseal.Cli;

/// <summary><c>--format</c> values.</summary>
internal enum OutputFormat
{
    Json,
    Yaml,
}
