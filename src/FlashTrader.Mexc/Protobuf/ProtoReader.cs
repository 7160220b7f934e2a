using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace FlashTrader.Mexc.Protobuf;

/// <summary>
/// A forward-only protobuf wire reader over a span: no allocation, no exceptions. Every read returns false on
/// malformed input and records the first <see cref="Error"/> and the absolute byte <see cref="ErrorOffset"/>
/// (relative to the outermost frame, also inside nested messages), so callers simply stop and report.
/// </summary>
public ref struct ProtoReader
{
    /// <summary>The largest field number protobuf allows (2^29 - 1).</summary>
    public const int MaxFieldNumber = (1 << 29) - 1;

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _baseOffset;
    private int _pos;

    /// <param name="buffer">The message bytes.</param>
    /// <param name="baseOffset">Where <paramref name="buffer"/> starts inside the whole frame (for error offsets).</param>
    public ProtoReader(ReadOnlySpan<byte> buffer, int baseOffset = 0)
    {
        _buffer = buffer;
        _baseOffset = baseOffset;
        _pos = 0;
        _error = ProtoError.None;
        _errorOffset = -1;
        _fieldOffset = baseOffset;
        _fieldWireType = WireType.Varint;
    }

    private ProtoError _error;
    private int _errorOffset;
    private int _fieldOffset;
    private WireType _fieldWireType;

    public readonly ProtoError Error => _error;

    /// <summary>Offset of the first error inside the outermost frame; -1 when there is none.</summary>
    public readonly int ErrorOffset => _errorOffset;

    /// <summary>The absolute offset of the next byte to read.</summary>
    public readonly int Offset => _baseOffset + _pos;

    public readonly bool IsAtEnd => _pos >= _buffer.Length;

    public readonly bool HasError => Error != ProtoError.None;

    /// <summary>The absolute offset of the tag last read by <see cref="TryReadField"/> (where its errors are reported).</summary>
    public readonly int FieldOffset => _fieldOffset;

    /// <summary>The wire type of the field last read by <see cref="TryReadField"/>.</summary>
    public readonly WireType FieldWireType => _fieldWireType;

    /// <summary>The bytes not read yet (for format-specific fast paths that then <see cref="Advance"/>).</summary>
    internal readonly ReadOnlySpan<byte> Remaining => _buffer[_pos..];

    /// <summary>Moves past bytes a fast path has consumed from <see cref="Remaining"/>.</summary>
    internal void Advance(int count) => _pos += count;

    /// <summary>
    /// Reads the next field's tag and remembers its offset and wire type, so the value readers without those arguments
    /// (<see cref="TryReadBytesField(out ReadOnlySpan{byte}, out int)"/>, <see cref="SkipField"/>, ...) check and report
    /// against it. False at the end of the message (no error) or on a malformed tag.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadField(out int fieldNumber)
    {
        _fieldOffset = Offset;
        return TryReadTag(out fieldNumber, out _fieldWireType);
    }

    /// <summary>
    /// The one field loop: hands every field of the message to <paramref name="fields"/> until the end, an error, or
    /// a field it refuses. True when the whole message was read without error.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadFields<TFields>(scoped ref TFields fields)
        where TFields : IProtoFields, allows ref struct
    {
        while (TryReadField(out int fieldNumber))
        {
            if (!fields.TryReadField(ref this, fieldNumber))
            {
                break;
            }
        }

        return !HasError;
    }

    /// <summary>Records an error at an absolute offset (the first one wins) and returns false for chaining.</summary>
    public bool Fail(ProtoError error, int absoluteOffset)
    {
        if (_error == ProtoError.None)
        {
            _error = error;
            _errorOffset = absoluteOffset;
        }

        return false;
    }

    /// <summary>Reads a tag; false at the end of the message (without an error) or on a malformed tag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadTag(out int fieldNumber, out WireType wireType)
    {
        // Fast path: a one-byte tag (fields 1-15) with a valid non-group wire type.
        if ((uint)_pos < (uint)_buffer.Length)
        {
            byte b = _buffer[_pos];
            if (b < 0x80 && b >= 8 && (0b0010_0111 & (1 << (b & 7))) != 0)
            {
                _pos++;
                fieldNumber = b >> 3;
                wireType = (WireType)(b & 7);
                return true;
            }
        }

        return TryReadTagSlow(out fieldNumber, out wireType);
    }

    private bool TryReadTagSlow(out int fieldNumber, out WireType wireType)
    {
        fieldNumber = 0;
        wireType = default;
        if (_pos >= _buffer.Length)
        {
            return false;
        }

        int start = Offset;
        if (!TryReadVarint(out ulong tag))
        {
            return false;
        }

        uint type = (uint)(tag & 7);
        ulong number = tag >> 3;
        if (type is 6 or 7)
        {
            return Fail(ProtoError.InvalidWireType, start);
        }

        if (type is 3 or 4)
        {
            return Fail(ProtoError.GroupNotSupported, start);
        }

        if (number == 0 || number > MaxFieldNumber)
        {
            return Fail(ProtoError.InvalidFieldNumber, start);
        }

        fieldNumber = (int)number;
        wireType = (WireType)type;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadVarint(out ulong value)
    {
        // Fast path: tags, lengths and small numbers are single bytes.
        if ((uint)_pos < (uint)_buffer.Length && _buffer[_pos] < 0x80)
        {
            value = _buffer[_pos++];
            return true;
        }

        return TryReadVarintSlow(out value);
    }

    private bool TryReadVarintSlow(out ulong value)
    {
        int start = _pos;
        ReadOnlySpan<byte> buffer = _buffer;
        int length = TryDecodeShortVarint(buffer[start..], out value);
        if (length > 0)
        {
            _pos = start + length;
            return true;
        }

        value = 0;
        int shift = 0;
        for (int i = 0; i < 10; i++)
        {
            int pos = start + i;
            if ((uint)pos >= (uint)buffer.Length)
            {
                return Fail(ProtoError.Truncated, _baseOffset + start);
            }

            byte b = buffer[pos];
            if (i == 9 && b > 1)
            {
                // The tenth byte may only carry bit 63: more is an overlong or over-wide varint.
                return Fail(ProtoError.VarintTooLong, _baseOffset + start);
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                _pos = pos + 1;
                return true;
            }

            shift += 7;
        }

        return Fail(ProtoError.VarintTooLong, _baseOffset + start);
    }

    /// <summary>
    /// Decodes a varint of at most eight bytes at the start of <paramref name="bytes"/> without a loop when eight bytes
    /// are there to read; returns its length, or 0 (value 0) when it is longer, cut short or fewer than eight bytes remain,
    /// which the caller leaves to the general reader. For fast paths over a span and for the slow path here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int TryDecodeShortVarint(ReadOnlySpan<byte> bytes, out ulong value)
    {
        if (bytes.Length >= 8)
        {
            // Find the last byte by its clear top bit, then squeeze out the continuation bits, 7-bit groups to 14, 28
            // and 56 bits.
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            ulong stops = ~word & 0x8080_8080_8080_8080;
            if (stops != 0)
            {
                int bits = BitOperations.TrailingZeroCount(stops) + 1; // the varint's bytes, in bits
                if (Bmi2.X64.IsSupported)
                {
                    // Two instructions drop the bytes after the varint and gather its seven-bit groups (both fast on
                    // the Zen 3+ and Intel cores this runs on).
                    value = Bmi2.X64.ParallelBitExtract(Bmi2.X64.ZeroHighBits(word, (uint)bits), 0x7F7F_7F7F_7F7F_7F7F);
                    return bits >> 3;
                }

                int length = bits >> 3;
                word &= ulong.MaxValue >> (64 - bits);
                word = (word & 0x007F_007F_007F_007F) | ((word & 0x7F00_7F00_7F00_7F00) >> 1);
                word = (word & 0x0000_3FFF_0000_3FFF) | ((word & 0x3FFF_0000_3FFF_0000) >> 2);
                word = (word & 0x0000_0000_0FFF_FFFF) | ((word & 0x0FFF_FFFF_0000_0000) >> 4);
                value = word;
                return length;
            }
        }

        value = 0;
        return 0;
    }

    /// <summary>An int64 field (two's complement in a varint, as protobuf encodes negative int64).</summary>
    public bool TryReadInt64(out long value)
    {
        bool ok = TryReadVarint(out ulong raw);
        value = (long)raw;
        return ok;
    }

    /// <summary>An int32 field: protobuf truncates the varint to its low 32 bits.</summary>
    public bool TryReadInt32(out int value)
    {
        bool ok = TryReadVarint(out ulong raw);
        value = (int)raw;
        return ok;
    }

    public bool TryReadBool(out bool value)
    {
        bool ok = TryReadVarint(out ulong raw);
        value = raw != 0;
        return ok;
    }

    public bool TryReadFixed64(out ulong value)
    {
        value = 0;
        if (_buffer.Length - _pos < 8)
        {
            return Fail(ProtoError.Truncated, Offset);
        }

        value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_buffer[_pos..]);
        _pos += 8;
        return true;
    }

    public bool TryReadFixed32(out uint value)
    {
        value = 0;
        if (_buffer.Length - _pos < 4)
        {
            return Fail(ProtoError.Truncated, Offset);
        }

        value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_buffer[_pos..]);
        _pos += 4;
        return true;
    }

    /// <summary>Reads a length-delimited payload; <paramref name="payloadOffset"/> is its absolute start.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadBytes(out ReadOnlySpan<byte> payload, out int payloadOffset)
    {
        payload = default;
        payloadOffset = Offset;
        int lengthOffset = Offset;
        if (!TryReadVarint(out ulong length))
        {
            return false;
        }

        if (length > (ulong)(_buffer.Length - _pos))
        {
            return Fail(ProtoError.LengthBeyondFrame, lengthOffset);
        }

        payloadOffset = Offset;
        payload = _buffer.Slice(_pos, (int)length);
        _pos += (int)length;
        return true;
    }

    /// <summary>Reads an embedded message and returns a reader over it that reports absolute offsets.</summary>
    public bool TryReadMessage(out ProtoReader message)
    {
        if (!TryReadBytes(out ReadOnlySpan<byte> payload, out int payloadOffset))
        {
            message = default;
            return false;
        }

        message = new ProtoReader(payload, payloadOffset);
        return true;
    }

    /// <summary>Skips the value of a field whose tag was just read.</summary>
    public bool TrySkip(WireType wireType) => wireType switch
    {
        WireType.Varint => TryReadVarint(out _),
        WireType.Fixed64 => TryReadFixed64(out _),
        WireType.LengthDelimited => TryReadBytes(out _, out _),
        WireType.Fixed32 => TryReadFixed32(out _),
        _ => Fail(ProtoError.GroupNotSupported, Offset),
    };

    /// <summary>Skips the value of the field last read by <see cref="TryReadField"/>.</summary>
    public bool SkipField() => TrySkip(_fieldWireType);

    /// <summary>The current field (see <see cref="TryReadField"/>) as a string/bytes value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadBytesField(out ReadOnlySpan<byte> value, out int valueOffset) =>
        TryReadBytesField(_fieldWireType, _fieldOffset, out value, out valueOffset);

    /// <summary>The current field as an embedded message.</summary>
    public bool TryReadMessageField(out ProtoReader message) => TryReadMessageField(_fieldWireType, _fieldOffset, out message);

    /// <summary>The current field as an int64.</summary>
    public bool TryReadInt64Field(out long value) => TryReadInt64Field(_fieldWireType, _fieldOffset, out value);

    /// <summary>The current field as an int32.</summary>
    public bool TryReadInt32Field(out int value) => TryReadInt32Field(_fieldWireType, _fieldOffset, out value);

    /// <summary>The current field as a bool.</summary>
    public bool TryReadBoolField(out bool value) => TryReadBoolField(_fieldWireType, _fieldOffset, out value);

    /// <summary>
    /// Checks a known field's wire type before reading it; on mismatch records <see cref="ProtoError.WrongWireType"/>
    /// at the tag (<paramref name="tagOffset"/>).
    /// </summary>
    public bool Expect(WireType actual, WireType expected, int tagOffset) =>
        actual == expected || Fail(ProtoError.WrongWireType, tagOffset);

    /// <summary>Takes over the error of a nested reader (the offset is already absolute).</summary>
    public bool Adopt(in ProtoReader nested) => nested.HasError ? Fail(nested.Error, nested.ErrorOffset) : true;

    /// <summary>A string/bytes field: checks the wire type (reporting at <paramref name="tagOffset"/>) and reads it.</summary>
    public bool TryReadBytesField(WireType wireType, int tagOffset, out ReadOnlySpan<byte> value, out int valueOffset)
    {
        value = default;
        valueOffset = tagOffset;
        return Expect(wireType, WireType.LengthDelimited, tagOffset) && TryReadBytes(out value, out valueOffset);
    }

    /// <summary>A message field: checks the wire type and returns a reader over the embedded message.</summary>
    public bool TryReadMessageField(WireType wireType, int tagOffset, out ProtoReader message)
    {
        message = default;
        return Expect(wireType, WireType.LengthDelimited, tagOffset) && TryReadMessage(out message);
    }

    public bool TryReadInt64Field(WireType wireType, int tagOffset, out long value)
    {
        value = 0;
        return Expect(wireType, WireType.Varint, tagOffset) && TryReadInt64(out value);
    }

    public bool TryReadInt32Field(WireType wireType, int tagOffset, out int value)
    {
        value = 0;
        return Expect(wireType, WireType.Varint, tagOffset) && TryReadInt32(out value);
    }

    public bool TryReadBoolField(WireType wireType, int tagOffset, out bool value)
    {
        value = false;
        return Expect(wireType, WireType.Varint, tagOffset) && TryReadBool(out value);
    }
}
