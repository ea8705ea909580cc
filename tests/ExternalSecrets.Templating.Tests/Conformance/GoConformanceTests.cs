namespace ExternalSecrets.Templating.Tests.Conformance;

/// <summary>
/// Every case in golden/cases renders exactly as Go's text/template rendered it (golden/expected),
/// output and error text alike, unless the case is listed in golden/known-differences.txt with a
/// reason. The list is a ratchet: a listed case that starts to pass fails the suite until removed,
/// and the list may not grow beyond <see cref="MaxKnownDifferences"/>.
/// </summary>
public sealed class GoConformanceTests
{
    /// <summary>Raise only with a reviewed reason in known-differences.txt; lower it whenever entries go.</summary>
    private const int MaxKnownDifferences = 20;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenSuite.Cases.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_renders_like_go_text_template(string name)
    {
        var c = GoldenSuite.Cases[name];
        var expected = GoldenSuite.ExpectationFor(c);
        Assert.True(expected is not null, $"case \"{name}\" has no Go golden result: run golden/generate.sh");
        var actual = GoldenSuite.Run(c);
        var same = actual == expected;
        if (GoldenSuite.KnownDifferences.TryGetValue(name, out var reason))
        {
            Assert.False(same, $"case \"{name}\" now matches Go; remove it from known-differences.txt ({reason})");
            return;
        }

        Assert.Equal(expected!.Error, actual.Error);
        Assert.Equal(expected.Output, actual.Output);
    }

    [Fact]
    public void Case_names_are_unique_across_case_files()
    {
        Assert.Empty(GoldenSuite.DuplicateNames);
    }

    [Fact]
    public void Known_differences_name_existing_cases_and_give_a_reason()
    {
        foreach (var (name, reason) in GoldenSuite.KnownDifferences)
        {
            Assert.True(GoldenSuite.Cases.ContainsKey(name), $"known difference \"{name}\" is not a case");
            Assert.False(string.IsNullOrWhiteSpace(reason), $"known difference \"{name}\" has no reason");
        }
    }

    [Fact]
    public void Known_differences_list_does_not_grow()
    {
        Assert.InRange(GoldenSuite.KnownDifferences.Count, 0, MaxKnownDifferences);
    }

    [Fact]
    public void The_suite_is_substantial()
    {
        Assert.InRange(GoldenSuite.Cases.Count, 600, int.MaxValue);
    }
}
