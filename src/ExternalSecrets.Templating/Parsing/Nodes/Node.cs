using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary>A parse-tree node; <see cref="ToString"/> is Go's canonical re-printing used in error messages.</summary>
internal abstract class Node(NodeType type, int pos, TemplateSource source)
{
    public NodeType Type { get; } = type;

    public int Pos { get; } = pos;

    public TemplateSource Source { get; } = source;

    public abstract void WriteTo(StringBuilder sb);

    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }
}
