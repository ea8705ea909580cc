namespace ExternalSecrets.Templating.Parsing.Nodes;

/// <summary>The text a tree was parsed from and the top-level parse name, for Go's error locations.</summary>
internal sealed class TemplateSource(byte[] text, string parseName)
{
    public byte[] Text { get; } = text;

    public string ParseName { get; } = parseName;

    /// <summary>Go's <c>ErrorContext</c> location: <c>NAME:LINE:COL</c>, COL being the byte offset in the line.</summary>
    public string Location(int pos)
    {
        pos = Math.Clamp(pos, 0, Text.Length);
        var before = Text.AsSpan(0, pos);
        var lastNewline = before.LastIndexOf((byte)'\n');
        var col = lastNewline < 0 ? pos : pos - (lastNewline + 1);
        var line = 1 + before.Count((byte)'\n');
        return $"{ParseName}:{line}:{col}";
    }
}
