namespace ExternalSecrets.Templating.Functions;

/// <summary>
/// The body of a template function. <paramref name="args"/> already have the Go types the
/// <see cref="GoFunction"/> declares (the engine converted constants and rejected wrong types with
/// Go's messages); variadic arguments follow the fixed ones, unpacked.
/// </summary>
public delegate GoResult GoFunc(FunctionContext context, ReadOnlySpan<object?> args);
