using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class ListNode(int pos, TemplateSource source) : Node(NodeType.List, pos, source)
{
    public List<Node> Nodes { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        foreach (var n in Nodes)
        {
            n.WriteTo(sb);
        }
    }
}
