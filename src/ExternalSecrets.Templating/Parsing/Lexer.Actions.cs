using System.Text;

namespace ExternalSecrets.Templating.Parsing;

internal sealed partial class Lexer
{
    private State LexInsideAction()
    {
        while (true)
        {
            var (delim, _) = AtRightDelim();
            if (delim)
            {
                if (_parenDepth == 0)
                {
                    return State.RightDelim;
                }

                return Errorf("unclosed left paren");
            }

            var r = Next();
            switch (r)
            {
                case Eof:
                    return Errorf("unclosed action");
                case ' ' or '\t' or '\r' or '\n':
                    Backup();
                    if (LexSpace() is { } s)
                    {
                        return s;
                    }

                    continue;
                case '=':
                    Emit(TokenKind.Assign);
                    continue;
                case ':':
                    if (Next() != '=')
                    {
                        return Errorf("expected :=");
                    }

                    Emit(TokenKind.Declare);
                    continue;
                case '|':
                    Emit(TokenKind.Pipe);
                    continue;
                case '"':
                    if (!LexQuote())
                    {
                        return State.Done;
                    }

                    continue;
                case '`':
                    if (!LexRawQuote())
                    {
                        return State.Done;
                    }

                    continue;
                case '$':
                    if (!LexVariable())
                    {
                        return State.Done;
                    }

                    continue;
                case '\'':
                    if (!LexChar())
                    {
                        return State.Done;
                    }

                    continue;
                case '(':
                    Emit(TokenKind.LeftParen);
                    _parenDepth++;
                    continue;
                case ')':
                    // Go emits the paren before reporting the imbalance, so the parser sees ")" first.
                    Emit(TokenKind.RightParen);
                    _parenDepth--;
                    if (_parenDepth < 0)
                    {
                        return Errorf("unexpected right paren " + GoSyntax.UnicodeForMessage(r));
                    }

                    continue;
            }

            if (r == '.' && _pos < _input.Length && (_input[_pos] < '0' || _input[_pos] > '9'))
            {
                if (!LexFieldOrVariable(TokenKind.Field))
                {
                    return State.Done;
                }

                continue;
            }

            if (r is '.' or '+' or '-' || (r >= '0' && r <= '9'))
            {
                Backup();
                if (!LexNumber())
                {
                    return State.Done;
                }

                continue;
            }

            if (GoSyntax.IsAlphaNumeric(r))
            {
                Backup();
                if (!LexIdentifier())
                {
                    return State.Done;
                }

                continue;
            }

            if (r <= 0x7F && r >= 0x20 && r != 0x7F)
            {
                Emit(TokenKind.Char);
                continue;
            }

            return Errorf("unrecognized character in action: " + GoSyntax.UnicodeForMessage(r));
        }
    }

    /// <summary>Returns a state to switch to, or null to continue inside the action.</summary>
    private State? LexSpace()
    {
        var numSpaces = 0;
        while (GoSyntax.IsSpace(Peek()))
        {
            Next();
            numSpaces++;
        }

        if (HasRightTrimMarker(Rest(_pos - 1)) && Rest(_pos - 1 + 2).StartsWith(_right))
        {
            Backup();
            if (numSpaces == 1)
            {
                return State.RightDelim;
            }
        }

        Emit(TokenKind.Space);
        return null;
    }

    private bool LexIdentifier()
    {
        int r;
        while (true)
        {
            r = Next();
            if (GoSyntax.IsAlphaNumeric(r))
            {
                continue;
            }

            Backup();
            break;
        }

        if (!AtTerminator())
        {
            Errorf("bad character " + GoSyntax.UnicodeForMessage(r));
            return false;
        }

        var word = Encoding.UTF8.GetString(_input, _start, _pos - _start);
        var kind = word switch
        {
            "block" => TokenKind.Block,
            "break" => _breakOk ? TokenKind.Break : TokenKind.Identifier,
            "continue" => _continueOk ? TokenKind.Continue : TokenKind.Identifier,
            "define" => TokenKind.Define,
            "else" => TokenKind.Else,
            "end" => TokenKind.End,
            "if" => TokenKind.If,
            "range" => TokenKind.Range,
            "nil" => TokenKind.Nil,
            "template" => TokenKind.Template,
            "with" => TokenKind.With,
            "true" or "false" => TokenKind.Bool,
            _ => TokenKind.Identifier,
        };
        Emit(kind);
        return true;
    }

    private bool LexVariable()
    {
        if (AtTerminator())
        {
            Emit(TokenKind.Variable);
            return true;
        }

        return LexFieldOrVariable(TokenKind.Variable);
    }

    private bool LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return true;
        }

        int r;
        while (true)
        {
            r = Next();
            if (!GoSyntax.IsAlphaNumeric(r))
            {
                Backup();
                break;
            }
        }

        if (!AtTerminator())
        {
            Errorf("bad character " + GoSyntax.UnicodeForMessage(r));
            return false;
        }

        Emit(kind);
        return true;
    }

    private bool AtTerminator()
    {
        var r = Peek();
        if (GoSyntax.IsSpace(r))
        {
            return true;
        }

        if (r is Eof or '.' or ',' or '|' or ':' or ')' or '(')
        {
            return true;
        }

        return Rest(_pos).StartsWith(_right);
    }

    private bool LexChar() => LexEscapedUntil('\'', "unterminated character constant", TokenKind.CharConstant);

    private bool LexNumber()
    {
        if (!ScanNumber())
        {
            Errorf("bad number syntax: " + GoSyntax.QuoteForMessage(Encoding.UTF8.GetString(_input, _start, _pos - _start), -1));
            return false;
        }

        var sign = Peek();
        if (sign is '+' or '-')
        {
            if (!ScanNumber() || _input[_pos - 1] != 'i')
            {
                Errorf("bad number syntax: " + GoSyntax.QuoteForMessage(Encoding.UTF8.GetString(_input, _start, _pos - _start), -1));
                return false;
            }

            Emit(TokenKind.Complex);
        }
        else
        {
            Emit(TokenKind.Number);
        }

        return true;
    }

    private bool Accept(string valid)
    {
        var r = Next();
        if (r >= 0 && valid.Contains((char)r, StringComparison.Ordinal) && r < 0x80)
        {
            return true;
        }

        Backup();
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (true)
        {
            var r = Next();
            if (r >= 0 && r < 0x80 && valid.Contains((char)r, StringComparison.Ordinal))
            {
                continue;
            }

            Backup();
            return;
        }
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (GoSyntax.IsAlphaNumeric(Peek()))
        {
            Next();
            return false;
        }

        return true;
    }

    private bool LexQuote() => LexEscapedUntil('"', "unterminated quoted string", TokenKind.String);

    // Go's lexChar and lexQuote differ only in the closing rune, the error and the token kind:
    // a backslash escapes the next rune, and a newline or end of input leaves the constant unterminated.
    private bool LexEscapedUntil(char close, string unterminated, TokenKind kind)
    {
        while (true)
        {
            var r = Next();
            if (r == '\\')
            {
                r = Next();
                if (r != Eof && r != '\n')
                {
                    continue;
                }
            }

            if (r is Eof or '\n')
            {
                Errorf(unterminated);
                return false;
            }

            if (r == close)
            {
                break;
            }
        }

        Emit(kind);
        return true;
    }

    private bool LexRawQuote()
    {
        while (true)
        {
            var r = Next();
            if (r == Eof)
            {
                Errorf("unterminated raw quoted string");
                return false;
            }

            if (r == '`')
            {
                break;
            }
        }

        Emit(TokenKind.RawString);
        return true;
    }
}
