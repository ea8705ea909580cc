using System.Text;
using ExternalSecrets.Templating.Functions;

namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary>A function name; the parser resolves it against the function map and the builtins.</summary>
internal sealed class IdentifierNode(int pos, TemplateSource source, string ident, GoFunction? function, bool isBuiltin) : Node(NodeType.Identifier, pos, source)
{
    public string Ident { get; } = ident;

    public GoFunction? Function { get; } = function;

    public bool IsBuiltin { get; } = isBuiltin;

    public override void WriteTo(StringBuilder sb) => sb.Append(Ident);
}
