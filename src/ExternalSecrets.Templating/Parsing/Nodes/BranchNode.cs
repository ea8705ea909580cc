using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary>Common shape of if, range and with.</summary>
internal abstract class BranchNode(NodeType type, int pos, int line, TemplateSource source, PipeNode pipe, ListNode list, ListNode? elseList)
    : Node(type, pos, source)
{
    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override void WriteTo(StringBuilder sb)
    {
        var name = Type switch
        {
            NodeType.If => "if",
            NodeType.Range => "range",
            _ => "with",
        };
        sb.Append("{{").Append(name).Append(' ');
        Pipe.WriteTo(sb);
        sb.Append("}}");
        List.WriteTo(sb);
        if (ElseList is not null)
        {
            sb.Append("{{else}}");
            ElseList.WriteTo(sb);
        }

        sb.Append("{{end}}");
    }
}
