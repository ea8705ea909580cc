namespace ExternalSecrets.Templating.Values;

/// <summary>A Go <c>complex128</c> — only template constants such as <c>1+2i</c> produce one.</summary>
public readonly record struct GoComplex(double Real, double Imaginary);
