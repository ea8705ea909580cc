using ExternalSecrets.Templating.Parsing;

namespace ExternalSecrets.Templating.Tests;

/// <summary>
/// The one strconv implementation, against what Go 1.19's strconv returned for the same inputs
/// (ParseInt/ParseUint with base 0 and an explicit base, ParseFloat): separators after a base
/// prefix and in legacy octal, hex floats, inf/nan, overflow.
/// </summary>
public sealed class GoNumberTests
{
    [Theory]
    [InlineData("0_1", true, 1L)]
    [InlineData("0x_1", true, 1L)]
    [InlineData("0b_1", true, 1L)]
    [InlineData("1_000", true, 1000L)]
    [InlineData("1__0", false, 0L)]
    [InlineData("_1", false, 0L)]
    [InlineData("1_", false, 0L)]
    [InlineData("0", true, 0L)]
    [InlineData("0x", false, 0L)]
    [InlineData("08", false, 0L)]
    [InlineData("+5", true, 5L)]
    [InlineData("-0b101", true, -5L)]
    [InlineData("0o17", true, 15L)]
    [InlineData("0O7", true, 7L)]
    [InlineData("0B11", true, 3L)]
    [InlineData("0X1f", true, 31L)]
    [InlineData("0b102", false, 0L)]
    [InlineData("9223372036854775808", false, 0L)]
    [InlineData("-9223372036854775808", true, long.MinValue)]
    public void ParseInt_with_base_0_accepts_what_Go_accepts(string s, bool ok, long expected)
    {
        Assert.Equal(ok, GoNumber.TryParseInt(s, 0, out var v));
        Assert.Equal(expected, ok ? v : 0);
    }

    [Theory]
    [InlineData("+5", false, 0UL)]
    [InlineData("0o17", true, 15UL)]
    [InlineData("9223372036854775808", true, 9223372036854775808UL)]
    [InlineData("18446744073709551616", false, 0UL)]
    public void ParseUint_takes_no_sign_and_all_64_bits(string s, bool ok, ulong expected)
    {
        Assert.Equal(ok, GoNumber.TryParseUint(s, 0, out var v));
        Assert.Equal(expected, ok ? v : 0);
    }

    [Theory]
    [InlineData("1_0", false, 0L)]
    [InlineData("17", true, 15L)]
    [InlineData("19", false, 0L)]
    [InlineData("-7", true, -7L)]
    public void An_explicit_base_allows_no_separators_or_prefixes(string s, bool ok, long expected)
    {
        Assert.Equal(ok, GoNumber.TryParseInt(s, 8, out var v));
        Assert.Equal(expected, ok ? v : 0);
    }

    [Theory]
    [InlineData("0_1", true, 1.0)]
    [InlineData("0x_1", false, 0.0)]
    [InlineData("1_000.5", true, 1000.5)]
    [InlineData("0x1p-2", true, 0.25)]
    [InlineData("0x1_0p0", true, 16.0)]
    [InlineData("0x1.8p1", true, 3.0)]
    [InlineData("0X1P+2", true, 4.0)]
    [InlineData("0x1p1_0", true, 1024.0)]
    [InlineData("08", true, 8.0)]
    [InlineData("+5", true, 5.0)]
    [InlineData("0o17", false, 0.0)]
    [InlineData("-0b101", false, 0.0)]
    [InlineData("1e400", false, 0.0)]
    [InlineData("1_e5", false, 0.0)]
    [InlineData("1e5_0", true, 1e50)]
    [InlineData(".5_0", true, 0.5)]
    [InlineData("Inf", true, double.PositiveInfinity)]
    [InlineData("+inf", true, double.PositiveInfinity)]
    [InlineData("-INFINITY", true, double.NegativeInfinity)]
    [InlineData("infin", false, 0.0)]
    [InlineData("-nan", false, 0.0)]
    [InlineData("+NaN", false, 0.0)]
    public void ParseFloat_accepts_what_Go_accepts(string s, bool ok, double expected)
    {
        Assert.Equal(ok, GoNumber.TryParseStrconvFloat(s, out var v));
        Assert.Equal(expected, ok ? v : 0.0);
    }

    [Fact]
    public void ParseFloat_reads_nan_unsigned()
    {
        Assert.True(GoNumber.TryParseStrconvFloat("NaN", out var v));
        Assert.True(double.IsNaN(v));
    }
}
