using System.Text;

namespace ExternalSecrets.Templating.Tests;

/// <summary>Builds random templates from a small grammar of Go template syntax, plus random damage, from a seed.</summary>
internal sealed class RandomTemplates(int seed)
{
    private static readonly string[] Functions = ["and", "or", "not", "len", "index", "slice", "print", "printf", "println", "html", "js", "urlquery", "eq", "ne", "lt", "le", "gt", "ge", "call"];
    private static readonly string[] Literals = ["0", "1", "-3", "0x1F", "0b101", "0o17", "017", "1_000", "1.5", "1e6", "0x1p-2", "1i", "1+2i", "'a'", "'\\n'", "\"s\"", "\"\\x00\\xff\"", "\"%d %s %v %q\"", "`raw`", "true", "false", "nil", "9223372036854775807", "18446744073709551615"];
    private static readonly string[] Fields = [".", ".a", ".b", ".a.b", ".l", ".m", ".m.k", ".missing", ".n", ".s", "$", "$.a", "$x", "$x.k"];
    private static readonly string[] Junk = ["{{", "}}", "{{-", "-}}", "(", ")", "|", ":=", "=", "$", ".", "\"", "`", "'", "/*", "*/", ",", "#", "\u00e9", "\n", "end", "else", "if", "range", "define", "template", "break"];

    private readonly Random _random = new(seed);

    public string Next()
    {
        var sb = new StringBuilder();
        sb.Append("{{$x := .m}}");
        List(sb, 0);
        if (_random.Next(4) == 0)
        {
            Damage(sb);
        }

        return sb.ToString();
    }

    private void List(StringBuilder sb, int depth)
    {
        var n = _random.Next(depth > 3 ? 2 : 5);
        for (var i = 0; i < n; i++)
        {
            Item(sb, depth);
        }
    }

    private void Item(StringBuilder sb, int depth)
    {
        switch (_random.Next(depth > 3 ? 3 : 10))
        {
            case 0:
                sb.Append(_random.Next(2) == 0 ? "text " : " \n\t");
                break;
            case 1:
                sb.Append(Open()).Append(Pipeline(depth)).Append(Close());
                break;
            case 2:
                sb.Append("{{/* c */}}");
                break;
            case 3:
                sb.Append("{{if ").Append(Pipeline(depth)).Append("}}");
                List(sb, depth + 1);
                if (_random.Next(2) == 0)
                {
                    sb.Append(_random.Next(2) == 0 ? "{{else}}" : "{{else if " + Pipeline(depth) + "}}");
                    List(sb, depth + 1);
                }

                sb.Append("{{end}}");
                break;
            case 4:
                sb.Append("{{range ").Append(_random.Next(2) == 0 ? "$i, $v := " : string.Empty).Append(Pipeline(depth)).Append("}}");
                List(sb, depth + 1);
                if (_random.Next(3) == 0)
                {
                    sb.Append(_random.Next(2) == 0 ? "{{break}}" : "{{continue}}");
                }

                if (_random.Next(3) == 0)
                {
                    sb.Append("{{else}}");
                    List(sb, depth + 1);
                }

                sb.Append("{{end}}");
                break;
            case 5:
                sb.Append("{{with ").Append(Pipeline(depth)).Append("}}");
                List(sb, depth + 1);
                sb.Append("{{end}}");
                break;
            case 6:
                sb.Append("{{define \"d").Append(_random.Next(3)).Append("\"}}");
                List(sb, 4);
                sb.Append("{{end}}");
                break;
            case 7:
                sb.Append("{{template \"d").Append(_random.Next(3)).Append("\" ").Append(Pipeline(depth)).Append("}}");
                break;
            case 8:
                sb.Append("{{block \"b").Append(_random.Next(2)).Append("\" .}}");
                List(sb, depth + 1);
                sb.Append("{{end}}");
                break;
            default:
                sb.Append("{{$x = ").Append(Pipeline(depth)).Append("}}");
                break;
        }
    }

    private string Open() => _random.Next(4) == 0 ? "{{- " : "{{";

    private string Close() => _random.Next(4) == 0 ? " -}}" : "}}";

    private string Pipeline(int depth)
    {
        var sb = new StringBuilder(Command(depth));
        var stages = _random.Next(3);
        for (var i = 0; i < stages; i++)
        {
            sb.Append(" | ").Append(Functions[_random.Next(Functions.Length)]);
            if (_random.Next(2) == 0)
            {
                sb.Append(' ').Append(Operand(depth));
            }
        }

        return sb.ToString();
    }

    private string Command(int depth)
    {
        if (_random.Next(3) == 0)
        {
            return Operand(depth);
        }

        var sb = new StringBuilder(Functions[_random.Next(Functions.Length)]);
        var args = _random.Next(4);
        for (var i = 0; i < args; i++)
        {
            sb.Append(' ').Append(Operand(depth));
        }

        return sb.ToString();
    }

    private string Operand(int depth) => _random.Next(6) switch
    {
        0 or 1 => Literals[_random.Next(Literals.Length)],
        2 when depth < 4 => "(" + Pipeline(depth + 1) + ")",
        _ => Fields[_random.Next(Fields.Length)],
    };

    private void Damage(StringBuilder sb)
    {
        var edits = 1 + _random.Next(3);
        for (var i = 0; i < edits && sb.Length > 0; i++)
        {
            var at = _random.Next(sb.Length);
            if (_random.Next(2) == 0)
            {
                sb.Insert(at, Junk[_random.Next(Junk.Length)]);
            }
            else
            {
                sb.Remove(at, Math.Min(1 + _random.Next(3), sb.Length - at));
            }
        }
    }
}
