using System.Text;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary><c>$x</c> or <c>$x.a.b</c>: the variable name, then field names.</summary>
internal sealed class VariableNode : Node
{
    public VariableNode(int pos, TemplateSource source, string text)
        : base(NodeType.Variable, pos, source)
    {
        Ident = text.Split('.');
        Keys = [.. Ident.Skip(1).Select(GoString.FromUtf8)];
    }

    public string[] Ident { get; }

    /// <summary>The field names after the variable, as map keys.</summary>
    public GoString[] Keys { get; }

    public override void WriteTo(StringBuilder sb) => sb.AppendJoin('.', Ident);
}
