namespace ExternalSecrets.Templating.Values;

/// <summary>
/// A Go <c>int64</c>. Go's <c>int</c> is modelled by <see cref="long"/>; sprig's arithmetic
/// (<c>add</c>, <c>mul</c>, <c>int64</c>, <c>toDecimal</c>…) returns <c>int64</c>, which prints the
/// same but reports <c>int64</c> to <c>%T</c>, <c>typeOf</c> and <c>deepEqual</c>.
/// </summary>
public readonly record struct GoInt64(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
