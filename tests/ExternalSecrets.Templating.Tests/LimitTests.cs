using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;
using Microsoft.Extensions.Time.Testing;

namespace ExternalSecrets.Templating.Tests;

/// <summary>Hostile templates fail fast with a clear limit error instead of exhausting the controller (perf-security.md §2.3).</summary>
public sealed class LimitTests
{
    private static GoString Render(string text, object? data = null, TemplateOptions? options = null) =>
        GoTemplate.Parse("t", text, options).Execute(data);

    [Fact]
    public void Infinite_template_recursion_stops_at_the_template_depth_limit()
    {
        var e = Assert.Throws<TemplateLimitException>(() => Render("{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}"));
        Assert.Contains("exceeded maximum template depth (200)", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("template: t:1:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_depth_limit_is_configurable()
    {
        var options = new TemplateOptions { Limits = new TemplateLimits { MaxTemplateDepth = 3 } };
        var text = "{{define \"r\"}}x{{if .}}{{template \"r\" (slice . 1)}}{{end}}{{end}}{{template \"r\" .}}";
        Assert.Equal("xxx", Render(text, GoList.Of(1L, 2L), options).ToString());
        Assert.Throws<TemplateLimitException>(() => Render(text, GoList.Of(1L, 2L, 3L, 4L), options));
    }

    [Fact]
    public void Exponential_template_fan_out_is_stopped_by_the_output_limit()
    {
        var text = "{{define \"a\"}}xxxxxxxx{{if .}}{{template \"a\" (slice . 1)}}{{template \"a\" (slice . 1)}}{{end}}{{end}}{{template \"a\" .}}";
        var options = new TemplateOptions { Limits = new TemplateLimits { MaxOutputBytes = 10_000 } };
        var forty = GoList.Of(Enumerable.Range(0, 40).Select(i => (object?)(long)i).ToArray());
        var e = Assert.Throws<TemplateLimitException>(() => Render(text, forty, options));
        Assert.Contains("output exceeds the limit of 10000 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_larger_than_the_limit_fails_with_the_limit_in_the_message()
    {
        var options = new TemplateOptions { Limits = new TemplateLimits { MaxOutputBytes = 100 } };
        var e = Assert.Throws<TemplateLimitException>(() => Render("{{range .}}0123456789{{end}}", GoList.Of(Enumerable.Range(0, 20).Select(i => (object?)(long)i).ToArray()), options));
        Assert.Contains("output exceeds the limit of 100 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_exactly_at_the_limit_is_allowed()
    {
        var options = new TemplateOptions { Limits = new TemplateLimits { MaxOutputBytes = 10 } };
        Assert.Equal("0123456789", Render("0123456789", null, options).ToString());
    }

    [Fact]
    public void Doubling_a_string_in_a_variable_is_stopped_before_memory_runs_out()
    {
        var options = new TemplateOptions { Limits = new TemplateLimits { MaxOutputBytes = 1 << 16 } };
        var text = "{{$x := \"0123456789abcdef\"}}{{range .}}{{$x = printf \"%s%s\" $x $x}}{{end}}";
        var data = GoList.Of(Enumerable.Range(0, 64).Select(i => (object?)(long)i).ToArray());
        var e = Assert.Throws<TemplateLimitException>(() => Render(text, data, options));
        Assert.Contains("printf returned", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_iterations_are_counted_across_nested_loops()
    {
        var options = new TemplateOptions { Limits = new TemplateLimits { MaxRangeIterations = 1200 } };
        var ten = GoList.Of(Enumerable.Range(0, 10).Select(i => (object?)(long)i).ToArray());
        Assert.Equal(string.Empty, Render("{{range .}}{{range $}}{{range $}}{{end}}{{end}}{{end}}", ten, options).ToString());
        var e = Assert.Throws<TemplateLimitException>(() =>
            Render("{{range .}}{{range $}}{{range $}}{{range $}}{{end}}{{end}}{{end}}{{end}}", ten, options));
        Assert.Contains("exceeded the limit of 1200 iterations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_over_a_huge_integer_is_stopped_by_the_iteration_limit()
    {
        var e = Assert.Throws<TemplateLimitException>(() => Render("{{range 9223372036854775807}}{{end}}"));
        Assert.Contains("iterations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wall_time_is_measured_with_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        var slow = GoFunction.Fixed("slow", GoType.String, [], (_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return GoResult.Ok(GoString.Empty);
        });
        var options = new TemplateOptions
        {
            Funcs = new FuncMap().Add(slow),
            TimeProvider = clock,
            Limits = new TemplateLimits { MaxDuration = TimeSpan.FromSeconds(10) },
        };
        var data = GoList.Of(Enumerable.Range(0, 1000).Select(i => (object?)(long)i).ToArray());
        var e = Assert.Throws<TemplateLimitException>(() => GoTemplate.Parse("t", "{{range .}}{{slow}}{{end}}", options).Execute(data));
        Assert.Contains("time limit of 10s", e.Message, StringComparison.Ordinal);
        Assert.InRange(clock.GetUtcNow() - clock.Start, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(200));
    }

    [Fact]
    public void Cancellation_stops_execution()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var data = GoList.Of(Enumerable.Range(0, 1000).Select(i => (object?)(long)i).ToArray());
        var e = Assert.Throws<TemplateLimitException>(() => GoTemplate.Parse("t", "{{range .}}x{{end}}").Execute(data, cts.Token));
        Assert.Contains("cancelled", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_parentheses_are_a_parse_error_not_a_stack_overflow()
    {
        var text = "{{" + new string('(', 5000) + "1" + new string(')', 5000) + "}}";
        var e = Assert.Throws<TemplateParseException>(() => GoTemplate.Parse("t", text));
        Assert.Contains("max expression depth exceeded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_ifs_are_a_parse_error_not_a_stack_overflow()
    {
        var text = string.Concat(Enumerable.Repeat("{{if true}}", 5000)) + string.Concat(Enumerable.Repeat("{{end}}", 5000));
        var e = Assert.Throws<TemplateParseException>(() => GoTemplate.Parse("t", text));
        Assert.Contains("max expression depth exceeded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_parse_limit_executes()
    {
        var text = string.Concat(Enumerable.Repeat("{{if true}}", 150)) + "ok" + string.Concat(Enumerable.Repeat("{{end}}", 150));
        Assert.Equal("ok", Render(text).ToString());
    }

    [Fact]
    public void A_function_can_refuse_an_oversized_value_before_allocating_it()
    {
        var big = GoFunction.Fixed("big", GoType.String, [GoType.Int], (ctx, a) =>
        {
            ctx.EnsureSize((long)a[0]!);
            return GoResult.Ok(GoString.Wrap(new byte[(long)a[0]!]));
        });
        var options = new TemplateOptions { Funcs = new FuncMap().Add(big), Limits = new TemplateLimits { MaxOutputBytes = 1000 } };
        var e = Assert.Throws<TemplateLimitException>(() => GoTemplate.Parse("t", "{{big 100000000000}}", options).Execute(null));
        Assert.Contains("exceeds the limit of 1000 bytes", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("template: t:1:2: executing \"t\" at <big 100000000000>:", e.Message, StringComparison.Ordinal);
    }
}
