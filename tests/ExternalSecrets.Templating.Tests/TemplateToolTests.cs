using System.Text;
using ExternalSecrets.Templating.Tool;

namespace ExternalSecrets.Templating.Tests;

/// <summary><c>sigil template</c>: flags, exit codes, ESO semantics (missingkey=error, string maps), binary-safe output.</summary>
public sealed class TemplateToolTests
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    private (int Code, byte[] Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var code = TemplateTool.Run(args, path => _files.TryGetValue(path, out var b) ? b : throw new FileNotFoundException($"Could not find file '{path}'."), stdout, stderr);
        return (code, stdout.ToArray(), stderr.ToString());
    }

    private void File(string name, string text) => _files[name] = Encoding.UTF8.GetBytes(text);

    [Fact]
    public void The_seed_database_url_template_renders_with_a_string_map()
    {
        File("t.tpl", "postgresql://{{ .username }}:{{ .password }}@db.production.acme.com:5432/checkout");
        File("d.json", """{"username":"checkout","password":"p@ss:w/rd"}""");
        var (code, stdout, stderr) = Run("--template", "t.tpl", "--data", "d.json");
        Assert.Equal(0, code);
        Assert.Equal("postgresql://checkout:p@ss:w/rd@db.production.acme.com:5432/checkout", Encoding.UTF8.GetString(stdout));
        Assert.Empty(stderr);
    }

    [Fact]
    public void Sprig_and_eso_functions_are_available_as_in_esos_template_engine()
    {
        File("t.tpl", "{{ .password | b64enc }} {{ .username | upper | quote }} {{ dict \"u\" .username | toYaml | trim }}");
        File("d.json", """{"username":"checkout","password":"s3cret"}""");
        var (code, stdout, stderr) = Run("--template", "t.tpl", "--data", "d.json");
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        Assert.Equal("czNjcmV0 \"CHECKOUT\" u: checkout", Encoding.UTF8.GetString(stdout));
    }

    [Fact]
    public void The_environment_is_out_of_reach_of_templates()
    {
        File("t.tpl", "{{ env \"HOME\" }}");
        File("d.json", "{}");
        var (code, _, stderr) = Run("--template", "t.tpl", "--data", "d.json");
        Assert.Equal(1, code);
        Assert.Contains("function \"env\" not defined", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_is_an_error_as_in_eso_with_exit_code_1()
    {
        File("t.tpl", "{{ .nope }}");
        File("d.json", """{"a":"1"}""");
        var (code, stdout, stderr) = Run("--template", "t.tpl", "--data", "d.json");
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Equal("error: template: t.tpl:1:3: executing \"t.tpl\" at <.nope>: map has no entry for key \"nope\"" + Environment.NewLine, stderr);
    }

    [Fact]
    public void Index_of_a_missing_key_in_a_string_map_is_empty_as_in_eso()
    {
        File("t.tpl", "[{{ index . \"nope\" }}]");
        File("d.json", """{"a":"1"}""");
        Assert.Equal("[]", Encoding.UTF8.GetString(Run("--template", "t.tpl", "--data", "d.json").Stdout));
    }

    [Fact]
    public void Nested_json_data_works_and_numbers_are_go_float64()
    {
        File("t.tpl", "{{ .db.port }} {{ range .hosts }}{{ . }},{{ end }} {{ .count }}");
        File("d.json", """{"db":{"port":5432},"hosts":["a","b"],"count":1234567}""");
        var (code, stdout, _) = Run("--template", "t.tpl", "--data", "d.json");
        Assert.Equal(0, code);
        Assert.Equal("5432 a,b, 1.234567e+06", Encoding.UTF8.GetString(stdout));
    }

    [Fact]
    public void Custom_delimiters_are_honoured_in_both_flag_spellings()
    {
        File("t.tpl", "{{ keep }} [[ .a ]]");
        File("d.json", """{"a":"x"}""");
        Assert.Equal("{{ keep }} x", Encoding.UTF8.GetString(Run("--template", "t.tpl", "--data", "d.json", "--left-delimiter", "[[", "--right-delimiter", "]]").Stdout));
        Assert.Equal("{{ keep }} x", Encoding.UTF8.GetString(Run("--template=t.tpl", "--data=d.json", "--left-delimiter=[[", "--right-delimiter=]]").Stdout));
    }

    [Fact]
    public void Output_bytes_are_written_unchanged()
    {
        File("t.tpl", "{{ printf \"%s\" \"\\xff\\x00\\xfe\" }}");
        File("d.json", "{}");
        Assert.Equal(new byte[] { 0xff, 0x00, 0xfe }, Run("--template", "t.tpl", "--data", "d.json").Stdout);
    }

    [Fact]
    public void A_parse_error_is_reported_on_stderr_with_exit_code_1()
    {
        File("t.tpl", "line1\n{{ if }}");
        File("d.json", "{}");
        var (code, _, stderr) = Run("--template", "t.tpl", "--data", "d.json");
        Assert.Equal(1, code);
        Assert.Equal("error: template: t.tpl:2: missing value for if" + Environment.NewLine, stderr);
    }

    [Fact]
    public void Invalid_json_data_names_the_file()
    {
        File("t.tpl", "x");
        File("d.json", "{not json");
        var (code, _, stderr) = Run("--template", "t.tpl", "--data", "d.json");
        Assert.Equal(1, code);
        Assert.StartsWith("error: data file \"d.json\" is not valid JSON", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_names_the_flag_and_the_path()
    {
        File("d.json", "{}");
        var (code, _, stderr) = Run("--template", "nope.tpl", "--data", "d.json");
        Assert.Equal(1, code);
        Assert.StartsWith("error: cannot read template file \"nope.tpl\"", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--template", "t.tpl")]
    [InlineData("--data", "d.json")]
    [InlineData("--template")]
    [InlineData("--bogus", "x")]
    [InlineData("--help")]
    public void Usage_errors_exit_with_code_2_and_print_usage(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("Usage: sigil template", stderr, StringComparison.Ordinal);
    }
}
