using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Tests.Protobuf;

public class ProtoReaderTests
{
    [Theory]
    [InlineData("00", 0UL)]
    [InlineData("7f", 127UL)]
    [InlineData("8001", 128UL)]
    [InlineData("e3fbd0cc8d34", 1790356766179UL)]
    [InlineData("ffffffffffffffff7f", 0x7FFF_FFFF_FFFF_FFFFUL)]
    [InlineData("ffffffffffffffffff01", ulong.MaxValue)]
    public void Reads_varints_up_to_ten_bytes(string hex, ulong expected)
    {
        byte[] bytes = Convert.FromHexString(hex);
        var reader = new ProtoReader(bytes);

        reader.TryReadVarint(out ulong value).Should().BeTrue();

        value.Should().Be(expected);
        reader.IsAtEnd.Should().BeTrue();
    }

    [Fact]
    public void Reads_every_varint_length_the_same_with_eight_bytes_ahead_as_at_the_end_of_the_buffer()
    {
        // With eight bytes left the reader takes a word at a time; at the end of the buffer, byte by byte.
        for (int bits = 0; bits <= 64; bits++)
        {
            foreach (ulong value in new[] { bits == 64 ? ulong.MaxValue : (1UL << bits) - 1, bits == 64 ? 0UL : 1UL << bits, 0x0123_4567_89AB_CDEFUL >> (64 - Math.Max(bits, 1)) })
            {
                byte[] encoded = new byte[10];
                var writer = new ProtoWriter(encoded);
                writer.WriteVarint(value);
                int length = writer.Length;
                byte[] padded = [.. encoded.AsSpan(0, length), .. new byte[] { 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88 }];

                var alone = new ProtoReader(encoded.AsSpan(0, length));
                var ahead = new ProtoReader(padded);

                (alone.TryReadVarint(out ulong a), a, alone.Offset).Should().Be((true, value, length));
                (ahead.TryReadVarint(out ulong b), b, ahead.Offset).Should().Be((true, value, length));
            }
        }
    }

    [Theory]
    [InlineData("ffffffffffffffffff02")] // the tenth byte may only hold bit 63
    [InlineData("ffffffffffffffffff8001")] // eleven bytes
    [InlineData("8080808080808080808000")]
    public void Rejects_varints_beyond_64_bits_or_ten_bytes_at_their_start(string hex)
    {
        byte[] bytes = [0x00, .. Convert.FromHexString(hex)];
        var reader = new ProtoReader(bytes, baseOffset: 100);
        reader.TryReadVarint(out _).Should().BeTrue();

        reader.TryReadVarint(out _).Should().BeFalse();

        reader.Error.Should().Be(ProtoError.VarintTooLong);
        reader.ErrorOffset.Should().Be(101);
    }

    [Fact]
    public void A_varint_cut_short_is_truncated_at_its_start()
    {
        var reader = new ProtoReader(Convert.FromHexString("0a8080"));
        reader.TryReadTag(out int field, out WireType type).Should().BeTrue();
        (field, type).Should().Be((1, WireType.LengthDelimited));

        reader.TryReadBytes(out _, out _).Should().BeFalse();

        reader.Error.Should().Be(ProtoError.Truncated);
        reader.ErrorOffset.Should().Be(1);
    }

    [Fact]
    public void Negative_int64_takes_ten_bytes_and_int32_keeps_the_low_32_bits()
    {
        var reader = new ProtoReader(Convert.FromHexString("ffffffffffffffffff01" + "feffffff0f"));

        reader.TryReadInt64(out long minusOne).Should().BeTrue();
        reader.TryReadInt32(out int minusTwo).Should().BeTrue();

        minusOne.Should().Be(-1);
        minusTwo.Should().Be(-2);
    }

    [Fact]
    public void Skips_every_valid_wire_type()
    {
        // field 1 varint, field 2 fixed64, field 3 bytes "abc", field 4 fixed32, then field 5 varint 7.
        byte[] bytes = Convert.FromHexString("08ac02" + "110102030405060708" + "1a03616263" + "25aabbccdd" + "2807");
        var reader = new ProtoReader(bytes);
        var seen = new List<(int, WireType)>();

        while (reader.TryReadTag(out int field, out WireType type))
        {
            seen.Add((field, type));
            if (field == 5)
            {
                reader.TryReadVarint(out ulong v).Should().BeTrue();
                v.Should().Be(7);
            }
            else
            {
                reader.TrySkip(type).Should().BeTrue();
            }
        }

        reader.HasError.Should().BeFalse();
        seen.Should().Equal((1, WireType.Varint), (2, WireType.Fixed64), (3, WireType.LengthDelimited), (4, WireType.Fixed32), (5, WireType.Varint));
    }

    [Theory]
    [InlineData("0b", ProtoError.GroupNotSupported)] // field 1, start group
    [InlineData("0c", ProtoError.GroupNotSupported)] // field 1, end group
    [InlineData("0e", ProtoError.InvalidWireType)]
    [InlineData("0f", ProtoError.InvalidWireType)]
    [InlineData("00", ProtoError.InvalidFieldNumber)]
    [InlineData("f8ffffff7f", ProtoError.InvalidFieldNumber)] // field 2^32-1 > 2^29-1
    public void Rejects_bad_tags_at_the_tag_offset(string tagHex, ProtoError expected)
    {
        byte[] bytes = Convert.FromHexString("0801" + tagHex + "00");
        var reader = new ProtoReader(bytes);
        reader.TryReadTag(out _, out _).Should().BeTrue();
        reader.TryReadVarint(out _).Should().BeTrue();

        reader.TryReadTag(out _, out _).Should().BeFalse();

        reader.Error.Should().Be(expected);
        reader.ErrorOffset.Should().Be(2);
    }

    [Fact]
    public void The_largest_field_number_is_accepted()
    {
        var reader = new ProtoReader(Convert.FromHexString("f8ffffff0f00"));

        reader.TryReadTag(out int field, out WireType type).Should().BeTrue();

        field.Should().Be(ProtoReader.MaxFieldNumber);
        type.Should().Be(WireType.Varint);
    }

    [Fact]
    public void A_length_beyond_the_message_is_reported_at_the_length()
    {
        var reader = new ProtoReader(Convert.FromHexString("0a05616263"), baseOffset: 10);
        reader.TryReadTag(out _, out _).Should().BeTrue();

        reader.TryReadBytes(out _, out _).Should().BeFalse();

        reader.Error.Should().Be(ProtoError.LengthBeyondFrame);
        reader.ErrorOffset.Should().Be(11);
    }

    [Theory]
    [InlineData("11010203")] // fixed64 with 3 bytes
    [InlineData("1d0102")] // fixed32 with 2 bytes
    public void Fixed_width_values_cut_short_are_truncated(string hex)
    {
        var reader = new ProtoReader(Convert.FromHexString(hex));
        reader.TryReadTag(out _, out WireType type).Should().BeTrue();

        reader.TrySkip(type).Should().BeFalse();

        reader.Error.Should().Be(ProtoError.Truncated);
        reader.ErrorOffset.Should().Be(1);
    }

    [Fact]
    public void Nested_readers_report_offsets_in_the_outer_frame_and_the_first_error_wins()
    {
        // Outer field 7 holds a message whose field 1 is a bad group tag at outer offset 4.
        byte[] bytes = Convert.FromHexString("3a03" + "0801" + "0b");
        var reader = new ProtoReader(bytes);
        reader.TryReadTag(out _, out _).Should().BeTrue();
        reader.TryReadMessage(out ProtoReader inner).Should().BeTrue();
        inner.TryReadTag(out _, out _).Should().BeTrue();
        inner.TryReadVarint(out _).Should().BeTrue();

        inner.TryReadTag(out _, out _).Should().BeFalse();
        reader.Adopt(inner).Should().BeFalse();
        reader.Fail(ProtoError.Truncated, 0);

        reader.Error.Should().Be(ProtoError.GroupNotSupported);
        reader.ErrorOffset.Should().Be(4);
    }

    [Fact]
    public void A_known_field_with_the_wrong_wire_type_is_reported_at_its_tag()
    {
        var reader = new ProtoReader(Convert.FromHexString("0801"), baseOffset: 3);
        reader.TryReadTag(out _, out WireType type).Should().BeTrue();

        reader.TryReadBytesField(type, 3, out _, out _).Should().BeFalse();

        reader.Error.Should().Be(ProtoError.WrongWireType);
        reader.ErrorOffset.Should().Be(3);
    }
}
