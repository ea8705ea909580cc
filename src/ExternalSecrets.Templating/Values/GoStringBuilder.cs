using System.Buffers;
using System.Text;

namespace ExternalSecrets.Templating.Values;

/// <summary>A growable byte buffer that produces <see cref="GoString"/>s (Go's <c>strings.Builder</c>).</summary>
public sealed class GoStringBuilder : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _length;

    public GoStringBuilder(int capacity = 64) => _buffer = capacity == 0 ? [] : new byte[capacity];

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public GoStringBuilder Append(GoString value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Append(value.Span);
    }

    public GoStringBuilder Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
        return this;
    }

    public GoStringBuilder Append(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
        return this;
    }

    /// <summary>Appends the UTF-8 encoding of <paramref name="text"/>.</summary>
    public GoStringBuilder AppendUtf8(ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var n = Encoding.UTF8.GetBytes(text, GetSpan(max));
        _length += n;
        return this;
    }

    /// <summary>Appends a code point as UTF-8 (invalid code points become U+FFFD, as Go's <c>string(rune)</c>).</summary>
    public GoStringBuilder AppendRune(int rune)
    {
        if (rune < 0x80 && rune >= 0)
        {
            return Append((byte)rune);
        }

        if (rune < 0 || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        {
            rune = 0xFFFD;
        }

        var span = GetSpan(4);
        _length += new Rune(rune).EncodeToUtf8(span);
        return this;
    }

    public void Clear() => _length = 0;

    /// <summary>Zeroes the written bytes and empties the builder (for buffers that held secrets).</summary>
    public void ClearWritten()
    {
        Array.Clear(_buffer, 0, _length);
        _length = 0;
    }

    public int Capacity => _buffer.Length;

    /// <summary>Drops bytes beyond <paramref name="length"/>.</summary>
    public void Truncate(int length) => _length = Math.Min(length, _length);

    public GoString ToGoString() => _length == 0 ? GoString.Empty : GoString.FromBytes(WrittenSpan);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    public override string ToString() => Encoding.UTF8.GetString(WrittenSpan);

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _length < sizeHint)
        {
            Grow(sizeHint);
        }
    }

    private void Grow(int needed)
    {
        var size = Math.Max(_buffer.Length * 2, _length + needed);
        size = Math.Max(size, 64);
        Array.Resize(ref _buffer, size);
    }
}
