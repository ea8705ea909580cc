using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class TextNode(int pos, TemplateSource source, byte[] text) : Node(NodeType.Text, pos, source)
{
    public byte[] Text { get; } = text;

    public override void WriteTo(StringBuilder sb) => sb.Append(Encoding.UTF8.GetString(Text));
}
