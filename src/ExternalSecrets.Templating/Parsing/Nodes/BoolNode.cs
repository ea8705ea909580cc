using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class BoolNode(int pos, TemplateSource source, bool value) : Node(NodeType.Bool, pos, source)
{
    public bool True { get; } = value;

    public override void WriteTo(StringBuilder sb) => sb.Append(True ? "true" : "false");
}
