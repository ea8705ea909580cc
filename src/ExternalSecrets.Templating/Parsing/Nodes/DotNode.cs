using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class DotNode(int pos, TemplateSource source) : Node(NodeType.Dot, pos, source)
{
    public override void WriteTo(StringBuilder sb) => sb.Append('.');
}
