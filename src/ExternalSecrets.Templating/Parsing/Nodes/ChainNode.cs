using System.Text;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary>A term followed by field accesses: <c>(f x).a.b</c>.</summary>
internal sealed class ChainNode(int pos, TemplateSource source, Node node) : Node(NodeType.Chain, pos, source)
{
    public Node Node { get; } = node;

    public List<string> Field { get; } = [];

    public List<GoString> Keys { get; } = [];

    /// <summary>Adds ".name" (Go's ChainNode.Add).</summary>
    public void Add(string field)
    {
        if (field.Length == 0 || field[0] != '.')
        {
            throw new InvalidOperationException("no dot in field");
        }

        field = field[1..];
        if (field.Length == 0)
        {
            throw new InvalidOperationException("empty field");
        }

        Field.Add(field);
        Keys.Add(GoString.FromUtf8(field));
    }

    public override void WriteTo(StringBuilder sb)
    {
        if (Node is PipeNode)
        {
            sb.Append('(');
            Node.WriteTo(sb);
            sb.Append(')');
        }
        else
        {
            Node.WriteTo(sb);
        }

        foreach (var f in Field)
        {
            sb.Append('.').Append(f);
        }
    }
}
