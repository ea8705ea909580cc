namespace ExternalSecrets.Templating.Execution;

/// <summary>
/// Executor-internal marker values. <see cref="Missing"/> is Go's invalid <c>reflect.Value</c>
/// (a missing map key under the default option, the result of a nil pipeline): it prints
/// <c>&lt;no value&gt;</c> and differs from a nil interface (<c>null</c>) in field chains.
/// <see cref="NoFinal"/> is Go's <c>missingVal</c>: "no piped-in argument". Neither reaches user functions.
/// </summary>
internal sealed class Sentinel
{
    public static readonly Sentinel Missing = new("<no value>");
    public static readonly Sentinel NoFinal = new("<missing final>");

    private readonly string _name;

    private Sentinel(string name) => _name = name;

    public override string ToString() => _name;
}
