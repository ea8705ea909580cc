using System.Text;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary><c>{{template "name" pipeline}}</c> (also produced by <c>block</c>).</summary>
internal sealed class TemplateNode(int pos, int line, TemplateSource source, string name, PipeNode? pipe) : Node(NodeType.Template, pos, source)
{
    public int Line { get; } = line;

    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{template ").Append(GoQuote.Quote(GoString.FromUtf8(Name)).ToString());
        if (Pipe is not null)
        {
            sb.Append(' ');
            Pipe.WriteTo(sb);
        }

        sb.Append("}}");
    }
}
