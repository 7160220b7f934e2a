using System.Buffers.Binary;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Tests.Numerics;

public sealed class DigitWordsTests
{
    [Fact]
    public void The_leading_digit_count_stops_at_the_first_non_digit_whatever_byte_it_is_and_whatever_follows()
    {
        var random = new Random(7);
        byte[] word = new byte[8];
        for (int position = 0; position < 8; position++)
        {
            for (int b = 0; b < 256; b++)
            {
                if (b is >= '0' and <= '9')
                {
                    continue;
                }

                for (int sample = 0; sample < 4; sample++)
                {
                    random.NextBytes(word);
                    for (int i = 0; i < position; i++)
                    {
                        word[i] = (byte)('0' + random.Next(10));
                    }

                    word[position] = (byte)b;

                    DigitWords.LeadingDigitCount(BinaryPrimitives.ReadUInt64LittleEndian(word)).Should().Be(position, Convert.ToHexString(word));
                }
            }
        }

        DigitWords.LeadingDigitCount(BinaryPrimitives.ReadUInt64LittleEndian("09876543"u8)).Should().Be(8);
    }

    [Theory]
    [InlineData("00000000", 0UL)]
    [InlineData("99999999", 99_999_999UL)]
    [InlineData("12345678", 12_345_678UL)]
    [InlineData("00000042", 42UL)]
    [InlineData("90000001", 90_000_001UL)]
    public void Eight_digits_are_worth_their_decimal_value_the_first_most_significant(string digits, ulong value)
    {
        ulong word = BinaryPrimitives.ReadUInt64LittleEndian(System.Text.Encoding.ASCII.GetBytes(digits)) - DigitWords.Zeros;

        DigitWords.ValueOf(word).Should().Be(value);
    }

    [Fact]
    public void Every_eight_digit_pattern_of_a_random_sample_converts_as_the_digit_by_digit_sum()
    {
        var random = new Random(3);
        byte[] text = new byte[8];
        for (int n = 0; n < 100_000; n++)
        {
            ulong expected = 0;
            for (int i = 0; i < 8; i++)
            {
                int d = random.Next(10);
                text[i] = (byte)('0' + d);
                expected = (expected * 10) + (ulong)d;
            }

            DigitWords.ValueOf(BinaryPrimitives.ReadUInt64LittleEndian(text) - DigitWords.Zeros).Should().Be(expected);
        }
    }
}
