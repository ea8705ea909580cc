namespace ExternalSecrets.Templating.Values;

/// <summary>The subset of Go's <c>reflect.Kind</c> that template values can have.</summary>
public enum GoKind
{
    /// <summary>No value (Go's invalid <c>reflect.Value</c>), printed as <c>&lt;no value&gt;</c>.</summary>
    Invalid,
    Bool,
    Int,
    Int64,
    Uint64,
    Uint8,
    Float64,
    Complex128,
    String,
    Slice,
    Map,
    Func,
    Struct,
    Pointer,
    Interface,
}
