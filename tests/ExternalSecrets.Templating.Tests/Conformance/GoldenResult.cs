namespace ExternalSecrets.Templating.Tests.Conformance;

/// <summary>What the oracle (Go) produced for a case: output written before any error, and the error text.</summary>
public sealed record GoldenResult(string Output, string? Error);
