using System.Text;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class StringNode(int pos, TemplateSource source, string quoted, GoString text) : Node(NodeType.String, pos, source)
{
    /// <summary>The literal as written, quotes included.</summary>
    public string Quoted { get; } = quoted;

    public GoString Text { get; } = text;

    public override void WriteTo(StringBuilder sb) => sb.Append(Quoted);
}
