using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class NilNode(int pos, TemplateSource source) : Node(NodeType.Nil, pos, source)
{
    public override void WriteTo(StringBuilder sb) => sb.Append("nil");
}
