using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions;

/// <summary>
/// A function a template can call by name: its Go signature and its body. The signature matters
/// because Go's <c>text/template</c> type-checks every argument against the parameter types before
/// the call (<c>repeat "3" "a"</c> → <c>expected integer; found "3"</c>), converts untyped
/// constants to them, and prints a nil result of an interface type as <c>&lt;no value&gt;</c>.
/// </summary>
public sealed class GoFunction
{
    private readonly GoType[] _parameters;

    /// <param name="name">Name templates call it by.</param>
    /// <param name="result">Go result type (use <see cref="GoType.Any"/> for <c>interface{}</c>).</param>
    /// <param name="parameters">Fixed parameter types, in order.</param>
    /// <param name="variadic">Element type of a trailing <c>...T</c> parameter, or null.</param>
    /// <param name="body">The implementation.</param>
    /// <param name="returnsError">Whether the Go function has a second <c>error</c> result (documentation and <c>%T</c> of the function).</param>
    public GoFunction(string name, GoType result, IReadOnlyList<GoType> parameters, GoType? variadic, GoFunc body, bool returnsError = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(body);
        Name = name;
        Result = result;
        _parameters = [.. parameters];
        Variadic = variadic;
        Body = body;
        ReturnsError = returnsError;
    }

    public string Name { get; }

    public GoType Result { get; }

    public IReadOnlyList<GoType> Parameters => _parameters;

    public GoType? Variadic { get; }

    public bool IsVariadic => Variadic is not null;

    public bool ReturnsError { get; }

    public GoFunc Body { get; }

    /// <summary>Shorthand for a function with fixed parameters.</summary>
    public static GoFunction Fixed(string name, GoType result, GoType[] parameters, GoFunc body, bool returnsError = false) =>
        new(name, result, parameters, null, body, returnsError);

    /// <summary>Shorthand for <c>func(fixed..., rest ...variadic) result</c>.</summary>
    public static GoFunction WithVariadic(string name, GoType result, GoType[] fixedParameters, GoType variadic, GoFunc body, bool returnsError = false) =>
        new(name, result, fixedParameters, variadic, body, returnsError);

    internal GoType ParameterAt(int index) =>
        index < _parameters.Length ? _parameters[index] : Variadic!;

    /// <summary>Go's spelling of the function type, e.g. <c>func(string, ...interface {}) string</c>.</summary>
    public string GoTypeName()
    {
        var parts = _parameters.Select(p => p.Name).ToList();
        if (Variadic is not null)
        {
            parts.Add("..." + Variadic.Name);
        }

        var results = ReturnsError ? $" ({Result.Name}, error)" : " " + Result.Name;
        return $"func({string.Join(", ", parts)}){results}";
    }
}
