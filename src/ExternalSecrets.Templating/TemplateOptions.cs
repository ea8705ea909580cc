using ExternalSecrets.Templating.Functions;

namespace ExternalSecrets.Templating;

/// <summary>How to parse and execute a template.</summary>
public sealed record TemplateOptions
{
    public static readonly TemplateOptions Default = new();

    /// <summary>Functions in addition to Go's builtins (consulted first). ESO passes sprig + its own.</summary>
    public FuncMap? Funcs { get; init; }

    /// <summary>Left action delimiter (ESO's <c>--template-left-delimiter</c>).</summary>
    public string LeftDelimiter { get; init; } = "{{";

    /// <summary>Right action delimiter (ESO's <c>--template-right-delimiter</c>).</summary>
    public string RightDelimiter { get; init; } = "}}";

    /// <summary>Missing map key handling. ESO's <c>target.template</c> uses <see cref="MissingKeyMode.Error"/>.</summary>
    public MissingKeyMode MissingKey { get; init; } = MissingKeyMode.Default;

    public TemplateLimits Limits { get; init; } = TemplateLimits.Default;

    /// <summary>Clock for the wall-time limit and for time functions (<c>now</c>).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
