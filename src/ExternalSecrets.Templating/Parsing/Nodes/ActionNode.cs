using System.Text;

namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class ActionNode(int pos, int line, TemplateSource source, PipeNode pipe) : Node(NodeType.Action, pos, source)
{
    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{");
        Pipe.WriteTo(sb);
        sb.Append("}}");
    }
}
