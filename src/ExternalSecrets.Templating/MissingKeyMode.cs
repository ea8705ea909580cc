namespace ExternalSecrets.Templating;

/// <summary>Go's <c>Option("missingkey=…")</c>: what <c>.key</c> on a map does when the key is absent (<c>index</c> is unaffected).</summary>
public enum MissingKeyMode
{
    /// <summary><c>missingkey=default</c> / <c>invalid</c>: an invalid value that prints <c>&lt;no value&gt;</c>.</summary>
    Default,

    /// <summary><c>missingkey=zero</c>: the zero value of the map's element type.</summary>
    Zero,

    /// <summary><c>missingkey=error</c>: execution stops with <c>map has no entry for key "k"</c> (ESO's <c>target.template</c>).</summary>
    Error,
}
