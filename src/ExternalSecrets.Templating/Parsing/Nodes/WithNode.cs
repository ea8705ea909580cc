namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class WithNode(int pos, int line, TemplateSource source, PipeNode pipe, ListNode list, ListNode? elseList)
    : BranchNode(NodeType.With, pos, line, source, pipe, list, elseList);
