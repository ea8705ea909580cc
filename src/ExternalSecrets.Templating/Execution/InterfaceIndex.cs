namespace ExternalSecrets.Templating.Execution;

/// <summary>An index argument of the builtin <c>slice</c> whose static Go type is <c>interface {}</c> (see Builtins.Slice).</summary>
internal sealed record InterfaceIndex(object? Value);
