using System.Collections.Concurrent;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Tests;

/// <summary>The public API: byte strings, CLR data conversion, reuse across threads, error types and messages.</summary>
public sealed class EngineApiTests
{
    private static readonly byte[] Binary = [0x00, 0xFF, 0xFE, 0x80, 0x0A, 0xC3, 0x28, 0x7B, 0x7B];

    [Fact]
    public void Binary_secret_values_pass_through_byte_for_byte()
    {
        var data = GoValues.FromClr(new Dictionary<string, byte[]> { ["cert"] = Binary });
        var result = GoTemplate.Parse("k", "{{ .cert }}", new TemplateOptions { MissingKey = MissingKeyMode.Error }).Execute(data);
        Assert.Equal(Binary, result.ToArray());
    }

    [Fact]
    public void Len_counts_bytes_not_characters()
    {
        var data = GoValues.FromClr(new Dictionary<string, byte[]> { ["b"] = Binary, ["s"] = "héllo"u8.ToArray() });
        Assert.Equal("9 6", GoTemplate.Parse("k", "{{ len .b }} {{ len .s }}").ExecuteToString(data));
    }

    [Fact]
    public void A_function_receives_binary_arguments_unchanged()
    {
        byte[]? seen = null;
        var capture = GoFunction.Fixed("capture", GoType.String, [GoType.String], (_, a) =>
        {
            seen = ((GoString)a[0]!).ToArray();
            return GoResult.Ok(a[0]);
        });
        var data = GoValues.FromClr(new Dictionary<string, byte[]> { ["b"] = Binary });
        var result = GoTemplate.Parse("k", "{{ .b | capture }}", new TemplateOptions { Funcs = new FuncMap().Add(capture) }).Execute(data);
        Assert.Equal(Binary, seen);
        Assert.Equal(Binary, result.ToArray());
    }

    [Fact]
    public void Clr_data_converts_to_the_go_model()
    {
        var data = GoValues.FromClr(new Dictionary<string, object?>
        {
            ["s"] = "x",
            ["i"] = 42,
            ["f"] = 1.5f,
            ["l"] = new object?[] { 1, "a", null },
            ["m"] = new Dictionary<string, string> { ["k"] = "v" },
        });
        Assert.Equal(
            "x 42 1.5 [1 a <nil>] map[k:v] map[string]string []interface {}",
            GoTemplate.Parse("k", "{{.s}} {{.i}} {{.f}} {{.l}} {{.m}} {{printf \"%T %T\" .m .l}}").ExecuteToString(data));
    }

    [Fact]
    public void A_parsed_template_renders_concurrently_with_isolated_state()
    {
        var template = GoTemplate.Parse("k", "{{range $i, $v := .}}{{$x := $v}}{{$i}}={{$x}};{{end}}");
        var results = new ConcurrentBag<string>();
        Parallel.For(0, 200, i =>
        {
            var data = GoList.Of((long)i, (long)(i + 1));
            results.Add(template.ExecuteToString(data) == $"0={i};1={i + 1};" ? "ok" : "bad");
        });
        Assert.All(results, r => Assert.Equal("ok", r));
    }

    [Fact]
    public void A_function_may_render_another_template_while_one_is_executing()
    {
        var inner = GoTemplate.Parse("inner", "<{{.}}>");
        var nested = GoFunction.Fixed("nested", GoType.String, [GoType.Any], (_, a) => GoResult.Ok(inner.Execute(a[0])));
        var outer = GoTemplate.Parse("outer", "{{range .}}{{nested .}}{{end}}", new TemplateOptions { Funcs = new FuncMap().Add(nested) });
        Assert.Equal("<1><2>", outer.ExecuteToString(GoList.Of(1L, 2L)));
    }

    [Fact]
    public void Parse_and_execution_errors_have_distinct_types_and_go_messages()
    {
        var parse = Assert.Throws<TemplateParseException>(() => GoTemplate.Parse("name", "a\n{{ nofunc }}"));
        Assert.Equal("template: name:2: function \"nofunc\" not defined", parse.Message);
        var exec = Assert.Throws<TemplateExecException>(() => GoTemplate.Parse("name", "a\n  {{ index .x 5 }}").Execute(GoValues.FromClr(new Dictionary<string, object?> { ["x"] = new object?[] { 1 } })));
        Assert.Equal("template: name:2:5: executing \"name\" at <index .x 5>: error calling index: index out of range: 5", exec.Message);
    }

    [Fact]
    public void Execute_into_a_builder_keeps_the_output_written_before_an_error()
    {
        var output = new GoStringBuilder();
        Assert.Throws<TemplateExecException>(() => GoTemplate.Parse("k", "before {{ .a.b.c }} after", new TemplateOptions { MissingKey = MissingKeyMode.Error }).Execute(output, new GoMap()));
        Assert.Equal("before ", output.ToString());
    }

    [Fact]
    public void Executing_an_unknown_associated_template_fails_like_go()
    {
        var template = GoTemplate.Parse("top", "{{define \"a\"}}A{{end}}");
        var e = Assert.Throws<TemplateExecException>(() => template.ExecuteTemplate(new GoStringBuilder(), "b", null));
        Assert.Equal("template: no template \"b\" associated with template \"top\"", e.Message);
        var output = new GoStringBuilder();
        template.ExecuteTemplate(output, "a", null);
        Assert.Equal("A", output.ToString());
        Assert.Equal(["a", "top"], template.TemplateNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void User_functions_shadow_builtins_as_sprig_slice_does()
    {
        var slice = GoFunction.WithVariadic("slice", GoType.String, [], GoType.Any, (_, _) => GoResult.Ok(GoString.FromUtf8("mine")));
        Assert.Equal("mine", GoTemplate.Parse("k", "{{ slice \"abc\" 1 }}", new TemplateOptions { Funcs = new FuncMap().Add(slice) }).ExecuteToString(null));
        Assert.Equal("bc", GoTemplate.Parse("k", "{{ slice \"abc\" 1 }}").ExecuteToString(null));
    }

    [Fact]
    public void Functions_named_break_or_continue_turn_the_keywords_into_calls()
    {
        var brk = GoFunction.Fixed("break", GoType.String, [], (_, _) => GoResult.Ok(GoString.FromUtf8("B")));
        Assert.Equal("B", GoTemplate.Parse("k", "{{break}}", new TemplateOptions { Funcs = new FuncMap().Add(brk) }).ExecuteToString(null));
    }

    [Fact]
    public void A_clr_string_returned_by_a_function_is_treated_as_a_go_string()
    {
        var f = GoFunction.Fixed("f", GoType.String, [], (_, _) => GoResult.Ok("clr"));
        Assert.Equal("clr 3", GoTemplate.Parse("k", "{{f}} {{len f}}", new TemplateOptions { Funcs = new FuncMap().Add(f) }).ExecuteToString(null));
    }

    [Theory]
    [InlineData("{{ range .secret }}{{ end }}", "range can't iterate over hunter2", "range can't iterate over a value of type string")]
    [InlineData("{{ eq .list .list }}", "non-comparable type [hunter2]", "error calling eq: non-comparable values")]
    [InlineData("{{ leak .secret }}", "error calling leak: bad input hunter2", "error calling leak: details withheld")]
    public void The_safe_message_leaves_out_secret_values_that_gos_message_quotes(string text, string goText, string safeText)
    {
        var leak = GoFunction.Fixed("leak", GoType.String, [GoType.String], (_, a) => GoResult.Fail("bad input " + a[0]));
        var data = GoValues.FromClr(new Dictionary<string, object?> { ["secret"] = "hunter2", ["list"] = new object?[] { "hunter2" } });
        var e = Assert.Throws<TemplateExecException>(() => GoTemplate.Parse("k", text, new TemplateOptions { Funcs = new FuncMap().Add(leak) }).Execute(data));
        Assert.Contains(goText, e.Message, StringComparison.Ordinal);
        Assert.Contains(safeText, e.SafeMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.SafeMessage, StringComparison.Ordinal);
        Assert.StartsWith("template: k:1:", e.SafeMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ index .list .n }}", "error calling index: index out of range: 7654321", "error calling index: index out of range")]
    [InlineData("{{ slice .text 0 (len .long) }}", "error calling slice: index out of range: 10", "error calling slice: index out of range")]
    [InlineData("{{ slice .text 2 (len .list) }}", "error calling slice: invalid slice index: 2 > 1", "error calling slice: invalid slice index")]
    public void The_safe_message_leaves_out_indexes_that_may_come_from_data(string text, string goText, string safeText)
    {
        var data = GoValues.FromClr(new Dictionary<string, object?> { ["n"] = 7654321L, ["long"] = "0123456789", ["text"] = "abc", ["list"] = new object?[] { "a" } });
        var e = Assert.Throws<TemplateExecException>(() => GoTemplate.Parse("k", text).Execute(data));
        Assert.EndsWith(goText, e.Message, StringComparison.Ordinal);
        Assert.EndsWith(safeText, e.SafeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_safe_message_equals_the_message_when_nothing_is_quoted()
    {
        var e = Assert.Throws<TemplateExecException>(() => GoTemplate.Parse("k", "{{ .nope }}", new TemplateOptions { MissingKey = MissingKeyMode.Error }).Execute(new GoMap()));
        Assert.Equal(e.Message, e.SafeMessage);
    }
}
