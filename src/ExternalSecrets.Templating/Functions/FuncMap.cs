using System.Collections;

namespace ExternalSecrets.Templating.Functions;

/// <summary>
/// Go's <c>template.FuncMap</c>: the named functions a template may call in addition to the
/// builtins. Like Go, these are consulted before the builtins (sprig's <c>slice</c> shadows the
/// builtin), and they must be known when the template is parsed (an unknown name is a parse error).
/// </summary>
public sealed class FuncMap : IEnumerable<GoFunction>
{
    private readonly Dictionary<string, GoFunction> _functions = new(StringComparer.Ordinal);

    public FuncMap()
    {
    }

    public FuncMap(IEnumerable<GoFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var f in functions)
        {
            Add(f);
        }
    }

    public int Count => _functions.Count;

    /// <summary>Adds or replaces (a later registration wins, as with Go's <c>Funcs</c>).</summary>
    public FuncMap Add(GoFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _functions[function.Name] = function;
        return this;
    }

    /// <summary>Adds every function of <paramref name="other"/>, replacing same-named ones.</summary>
    public FuncMap AddRange(FuncMap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var f in other)
        {
            Add(f);
        }

        return this;
    }

    public bool Remove(string name) => _functions.Remove(name);

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GoFunction? function) =>
        _functions.TryGetValue(name, out function);

    public bool Contains(string name) => _functions.ContainsKey(name);

    public IEnumerator<GoFunction> GetEnumerator() => _functions.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
