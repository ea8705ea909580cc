using System.Text;

namespace ExternalSecrets.Templating.Values;

/// <summary>
/// A Go <c>string</c>: an immutable sequence of bytes, not necessarily UTF-8. ESO hands secret values
/// to templates as <c>string(bytes)</c>, and sprig/ESO functions chain binary results
/// (<c>b64dec | pkcs12key</c>), so template values must never round-trip through UTF-16.
/// <c>len</c> counts bytes, comparison and map-key order are bytewise, as in Go.
/// </summary>
public sealed class GoString : IEquatable<GoString>, IComparable<GoString>
{
    public static readonly GoString Empty = new([]);

    private readonly byte[] _bytes;
    private int _hash;

    private GoString(byte[] bytes) => _bytes = bytes;

    public int Length => _bytes.Length;

    public ReadOnlySpan<byte> Span => _bytes;

    public ReadOnlyMemory<byte> Memory => _bytes;

    public byte this[int index] => _bytes[index];

    /// <summary>Copies <paramref name="bytes"/>.</summary>
    public static GoString FromBytes(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? Empty : new GoString(bytes.ToArray());

    /// <summary>Takes ownership of <paramref name="bytes"/> without copying; the caller must not change them afterwards.</summary>
    public static GoString Wrap(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.Length == 0 ? Empty : new GoString(bytes);
    }

    /// <summary>The UTF-8 encoding of <paramref name="text"/> (how Go source text and JSON strings become Go strings).</summary>
    public static GoString FromUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? Empty : new GoString(Encoding.UTF8.GetBytes(text));
    }

    public static implicit operator GoString(string text) => FromUtf8(text);

    public static bool operator ==(GoString? left, GoString? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(GoString? left, GoString? right) => !(left == right);

    public static bool operator <(GoString left, GoString right) => Compare(left, right) < 0;

    public static bool operator >(GoString left, GoString right) => Compare(left, right) > 0;

    public static bool operator <=(GoString left, GoString right) => Compare(left, right) <= 0;

    public static bool operator >=(GoString left, GoString right) => Compare(left, right) >= 0;

    public static GoString Concat(GoString left, GoString right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Length == 0)
        {
            return right;
        }

        if (right.Length == 0)
        {
            return left;
        }

        var bytes = new byte[left.Length + right.Length];
        left._bytes.CopyTo(bytes, 0);
        right._bytes.CopyTo(bytes, left.Length);
        return new GoString(bytes);
    }

    /// <summary>Bytewise comparison, Go's <c>&lt;</c> on strings.</summary>
    public static int Compare(GoString? left, GoString? right)
    {
        if (ReferenceEquals(left, right))
        {
            return 0;
        }

        if (left is null)
        {
            return -1;
        }

        if (right is null)
        {
            return 1;
        }

        return left.Span.SequenceCompareTo(right.Span);
    }

    public GoString Substring(int start, int length) =>
        start == 0 && length == _bytes.Length ? this : FromBytes(_bytes.AsSpan(start, length));

    /// <summary>Decodes as UTF-8; invalid sequences become U+FFFD, as when Go ranges over a string.</summary>
    public string ToUtf8String() => Encoding.UTF8.GetString(_bytes);

    /// <summary>True when the bytes are valid UTF-8 (Go's <c>utf8.ValidString</c>).</summary>
    public bool IsValidUtf8() => System.Text.Unicode.Utf8.IsValid(_bytes);

    public byte[] ToArray() => (byte[])_bytes.Clone();

    public bool Equals(GoString? other) =>
        other is not null && (ReferenceEquals(this, other) || _bytes.AsSpan().SequenceEqual(other._bytes));

    public bool EqualsUtf8(ReadOnlySpan<byte> utf8) => _bytes.AsSpan().SequenceEqual(utf8);

    public override bool Equals(object? obj) => obj is GoString other && Equals(other);

    public override int GetHashCode()
    {
        var h = _hash;
        if (h == 0)
        {
            var hc = new HashCode();
            hc.AddBytes(_bytes);
            h = hc.ToHashCode();
            if (h == 0)
            {
                h = 1;
            }

            _hash = h;
        }

        return h;
    }

    public int CompareTo(GoString? other) => Compare(this, other);

    /// <summary>The text decoded as UTF-8 (lossy for binary data). Never log template values.</summary>
    public override string ToString() => ToUtf8String();
}
