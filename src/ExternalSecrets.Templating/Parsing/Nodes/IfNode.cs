namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class IfNode(int pos, int line, TemplateSource source, PipeNode pipe, ListNode list, ListNode? elseList)
    : BranchNode(NodeType.If, pos, line, source, pipe, list, elseList);
