namespace ExternalSecrets.Templating.Parsing.Nodes;

internal sealed class RangeNode(int pos, int line, TemplateSource source, PipeNode pipe, ListNode list, ListNode? elseList)
    : BranchNode(NodeType.Range, pos, line, source, pipe, list, elseList);
