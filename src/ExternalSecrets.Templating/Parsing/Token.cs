using System.Text;

namespace ExternalSecrets.Templating.Parsing;

/// <summary>One lexed item: kind, byte offset, byte length and the 1-based line it starts on.</summary>
internal readonly record struct Token(TokenKind Kind, int Pos, int Length, int Line, string? ErrorMessage = null)
{
    public string Text(byte[] input) =>
        Kind == TokenKind.Error ? ErrorMessage! : Encoding.UTF8.GetString(input, Pos, Length);

    /// <summary>Go's <c>item.String()</c>, used in "unexpected X in Y" messages.</summary>
    public string Describe(byte[] input)
    {
        if (Kind == TokenKind.Eof)
        {
            return "EOF";
        }

        if (Kind == TokenKind.Error)
        {
            return ErrorMessage!;
        }

        var val = Text(input);
        if (Kind > TokenKind.Keyword)
        {
            return "<" + val + ">";
        }

        return GoSyntax.QuoteForMessage(val, Length > 10 ? 10 : -1);
    }
}
