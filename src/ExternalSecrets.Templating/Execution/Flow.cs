namespace ExternalSecrets.Templating.Execution;

/// <summary>How a walked node ended: normally, or by <c>{{break}}</c>/<c>{{continue}}</c> (Go uses panics for these).</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}
