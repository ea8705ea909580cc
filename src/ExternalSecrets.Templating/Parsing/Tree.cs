using ExternalSecrets.Templating.Parsing.Nodes;

namespace ExternalSecrets.Templating.Parsing;

/// <summary>One named template: the top-level text or a <c>define</c>/<c>block</c> body.</summary>
internal sealed class Tree(string name, TemplateSource source, ListNode root)
{
    public string Name { get; } = name;

    public TemplateSource Source { get; } = source;

    public ListNode Root { get; } = root;

    /// <summary>Go's <c>parse.IsEmptyTree</c>: only white space text and comments.</summary>
    public static bool IsEmpty(Node? n) => n switch
    {
        null => true,
        ListNode l => l.Nodes.All(IsEmpty),
        TextNode t => t.Text.AsSpan().Trim(" \t\r\n\v\f"u8).IsEmpty,
        _ => false,
    };
}
