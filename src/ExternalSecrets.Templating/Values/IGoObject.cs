using ExternalSecrets.Templating.Functions;

namespace ExternalSecrets.Templating.Values;

/// <summary>
/// A value with Go fields or methods that is not a string, number, bool, slice or map — e.g.
/// sprig's <c>time.Time</c> (from <c>now</c>, <c>toDate</c>) or <c>*semver.Version</c> (from
/// <c>semver</c>, whose <c>.Major</c> templates read). Templates reach members with <c>.Name</c>.
/// </summary>
public interface IGoObject
{
    /// <summary>The Go type, e.g. <c>time.Time</c> (kind Struct) or <c>*semver.Version</c> (kind Pointer).</summary>
    GoType Type { get; }

    /// <summary>A method callable as <c>.Name arg…</c> (receiver already bound), or null.</summary>
    GoFunction? GetMethod(string name);

    /// <summary>An exported field <c>.Name</c>; false when the type has no such field.</summary>
    bool TryGetField(string name, out object? value);

    /// <summary>
    /// What <c>fmt</c>'s <c>%v</c>/<c>%s</c> print: the <c>String()</c> or <c>Error()</c> result when
    /// the Go type has one, otherwise Go's struct rendering (<c>{a b}</c>).
    /// </summary>
    GoString Format();
}
