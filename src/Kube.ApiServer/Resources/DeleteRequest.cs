namespace Kube.ApiServer.Resources;

/// <summary>The parts of <c>DeleteOptions</c> the server honours.</summary>
internal sealed record DeleteRequest(string? PropagationPolicy, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun);
