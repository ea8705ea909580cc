using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class ContinueNode(int pos, int line, TemplateSource source) : Node(NodeType.Continue, pos, source)
{
    public int Line { get; } = line;

    public override void WriteTo(StringBuilder sb) => sb.Append("{{continue}}");
}
