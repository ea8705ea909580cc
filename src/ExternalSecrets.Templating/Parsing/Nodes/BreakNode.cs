using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class BreakNode(int pos, int line, TemplateSource source) : Node(NodeType.Break, pos, source)
{
    public int Line { get; } = line;

    public override void WriteTo(StringBuilder sb) => sb.Append("{{break}}");
}
