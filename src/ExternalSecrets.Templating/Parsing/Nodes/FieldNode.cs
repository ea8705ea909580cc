using System.Text;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary><c>.a.b.c</c>; field names are kept as map keys too, so lookups do not allocate.</summary>
internal sealed class FieldNode : Node
{
    public FieldNode(int pos, TemplateSource source, string text)
        : base(NodeType.Field, pos, source)
    {
        Ident = text[1..].Split('.');
        Keys = [.. Ident.Select(GoString.FromUtf8)];
    }

    public string[] Ident { get; }

    public GoString[] Keys { get; }

    public override void WriteTo(StringBuilder sb)
    {
        foreach (var id in Ident)
        {
            sb.Append('.').Append(id);
        }
    }
}
