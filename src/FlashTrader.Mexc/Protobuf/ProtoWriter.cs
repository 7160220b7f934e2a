using System.Buffers.Text;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Protobuf;

/// <summary>
/// A forward-only protobuf writer into a caller's span: no allocation. Embedded messages reserve one length byte
/// and move their content only when it outgrows 127 bytes, so output is canonical. Running out of space sets
/// <see cref="Overflowed"/> and stops writing; check it once at the end.
/// </summary>
public ref struct ProtoWriter
{
    private readonly Span<byte> _buffer;
    private int _pos;

    public ProtoWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _pos = 0;
        Overflowed = false;
    }

    public readonly int Length => _pos;

    public bool Overflowed { readonly get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._pos];

    public void WriteTag(int fieldNumber, WireType wireType) => WriteVarint(((ulong)(uint)fieldNumber << 3) | (byte)wireType);

    public void WriteVarint(ulong value)
    {
        if (Overflowed || _buffer.Length - _pos < VarintSize(value))
        {
            Overflowed = true;
            return;
        }

        while (value >= 0x80)
        {
            _buffer[_pos++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_pos++] = (byte)value;
    }

    public void WriteInt64Field(int fieldNumber, long value)
    {
        WriteTag(fieldNumber, WireType.Varint);
        WriteVarint((ulong)value);
    }

    public void WriteBytesField(int fieldNumber, scoped ReadOnlySpan<byte> value)
    {
        WriteTag(fieldNumber, WireType.LengthDelimited);
        WriteVarint((ulong)value.Length);
        if (Overflowed || _buffer.Length - _pos < value.Length)
        {
            Overflowed = true;
            return;
        }

        value.CopyTo(_buffer[_pos..]);
        _pos += value.Length;
    }

    /// <summary>A decimal as its shortest invariant string (Fixed8.TryFormat), e.g. 84270 or 0.006387.</summary>
    public void WriteDecimalField(int fieldNumber, Fixed8 value)
    {
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out int length);
        WriteBytesField(fieldNumber, text[..length]);
    }

    /// <summary>An integer sent as a decimal string (MEXC's versions and ids).</summary>
    public void WriteIntegerStringField(int fieldNumber, long value)
    {
        Span<byte> text = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, text, out int length);
        WriteBytesField(fieldNumber, text[..length]);
    }

    /// <summary>Starts an embedded message; pass the returned mark to <see cref="EndMessage"/>.</summary>
    public int BeginMessage(int fieldNumber)
    {
        WriteTag(fieldNumber, WireType.LengthDelimited);
        int mark = _pos;
        WriteVarint(0);
        return mark;
    }

    public void EndMessage(int mark)
    {
        if (Overflowed)
        {
            return;
        }

        int contentStart = mark + 1;
        int length = _pos - contentStart;
        int size = VarintSize((ulong)length);
        if (size > 1)
        {
            if (_buffer.Length - _pos < size - 1)
            {
                Overflowed = true;
                return;
            }

            _buffer[contentStart.._pos].CopyTo(_buffer[(mark + size)..]);
        }

        int end = mark + size + length;
        _pos = mark;
        WriteVarint((ulong)length);
        _pos = end;
    }

    public static int VarintSize(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }
}
