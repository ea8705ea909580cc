using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary>The parser-internal <c>{{end}}</c> and <c>{{else}}</c> markers.</summary>
internal sealed class MarkerNode(NodeType type, int pos, int line, TemplateSource source) : Node(type, pos, source)
{
    public int Line { get; } = line;

    public override void WriteTo(StringBuilder sb) => sb.Append(Type == NodeType.End ? "{{end}}" : "{{else}}");
}
