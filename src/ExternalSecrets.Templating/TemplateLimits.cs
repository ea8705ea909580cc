namespace ExternalSecrets.Templating;

/// <summary>
/// Bounds that keep a hostile template from taking the controller down (perf-security.md §2.3).
/// Go has only a template-call depth of 100000; a recursive C# interpreter would overflow its stack
/// long before that (which kills the process), so every bound here is lower and explicit.
/// </summary>
public sealed record TemplateLimits
{
    public static readonly TemplateLimits Default = new();

    /// <summary>Nesting of <c>{{template}}</c> calls (Go: 100000).</summary>
    public int MaxTemplateDepth { get; init; } = 200;

    /// <summary>Nesting of actions and parentheses at parse time.</summary>
    public int MaxParseDepth { get; init; } = 200;

    /// <summary>Bytes of output, and of any single value a function builds (<c>repeat</c>, <c>until</c>…).
    /// 1 MiB is the most a Kubernetes Secret can hold.</summary>
    public long MaxOutputBytes { get; init; } = 1 << 20;

    /// <summary><c>range</c> iterations over the whole execution (and elements functions may generate).</summary>
    public long MaxRangeIterations { get; init; } = 1_000_000;

    /// <summary>Wall time of one execution, measured with the injected <see cref="TimeProvider"/>.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(5);
}
