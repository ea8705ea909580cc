using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary>A number literal with Go's classification (it may be usable as int, uint, float and/or complex).</summary>
internal sealed class NumberNode(int pos, TemplateSource source, string text) : Node(NodeType.Number, pos, source)
{
    public string Text { get; } = text;

    public bool IsInt { get; set; }

    public bool IsUint { get; set; }

    public bool IsFloat { get; set; }

    public bool IsComplex { get; set; }

    public long Int64 { get; set; }

    public ulong Uint64 { get; set; }

    public double Float64 { get; set; }

    public double Real { get; set; }

    public double Imaginary { get; set; }

    public override void WriteTo(StringBuilder sb) => sb.Append(Text);
}
