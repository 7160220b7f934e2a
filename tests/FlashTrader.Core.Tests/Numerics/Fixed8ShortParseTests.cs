using System.IO.Compression;
using System.Text;
using FlashTrader.Core.Numerics;
using FlashTrader.Tests.Shared;

namespace FlashTrader.Core.Tests.Numerics;

/// <summary>
/// <see cref="Fixed8.TryParseShort(ReadOnlySpan{byte}, out Fixed8)"/> and its in-buffer form
/// <see cref="Fixed8.TryParseShort(ReadOnlySpan{byte}, int, out Fixed8)"/> must answer exactly as
/// <see cref="Fixed8.TryParse(ReadOnlySpan{byte}, out Fixed8)"/> (the reference) on every input: same acceptance, same
/// value, whatever bytes follow the text in the buffer.
/// </summary>
public sealed class Fixed8ShortParseTests
{
    // What may follow a number inside a frame: more digits (the run must stop at the text's end), points, a protobuf
    // tag, signs, high bytes; and nothing at all (no slack: the byte-at-a-time path).
    private static readonly byte[][] Trailers =
    [
        "12345678901234567"u8.ToArray(),
        "................."u8.ToArray(),
        [0x12, 0x0a, 0x30, 0x2e, 0x30, 0x30, 0x30, 0x39, 0x39, 0x38, 0x32, 0x39, 0x18, 0x02, 0x20, 0xe0, 0xcb],
        "-+-+-+-+-+-+-+-+-"u8.ToArray(),
        [0xff, 0x80, 0x2f, 0x3a, 0xb0, 0xb9, 0xba, 0x00, 0xff, 0x80, 0x2f, 0x3a, 0xb0, 0xb9, 0xba, 0x00, 0x7f],
        "0"u8.ToArray(),
        [],
    ];

    private static void ShouldAgree(ReadOnlySpan<byte> utf8)
    {
        bool expectedOk = Fixed8.TryParse(utf8, out Fixed8 expected);
        bool ok = Fixed8.TryParseShort(utf8, out Fixed8 actual);
        if (ok != expectedOk || actual != expected)
        {
            throw new InvalidOperationException(
                $"'{Encoding.Latin1.GetString(utf8)}': TryParseShort gave ({ok}, {actual.Raw}), TryParse ({expectedOk}, {expected.Raw})");
        }

        Span<byte> buffer = stackalloc byte[utf8.Length + 17];
        utf8.CopyTo(buffer);
        foreach (byte[] trailer in Trailers)
        {
            trailer.CopyTo(buffer[utf8.Length..]);
            ok = Fixed8.TryParseShort(buffer[..(utf8.Length + trailer.Length)], utf8.Length, out actual);
            if (ok != expectedOk || actual != expected)
            {
                throw new InvalidOperationException(
                    $"'{Encoding.Latin1.GetString(utf8)}' followed by {Convert.ToHexString(trailer)}: TryParseShort in a buffer gave ({ok}, {actual.Raw}), TryParse ({expectedOk}, {expected.Raw})");
            }
        }
    }

    [Theory]
    [InlineData("72.34", 7_234_000_000L)]
    [InlineData("0.00099829", 99_829L)]
    [InlineData("84270", 8_427_000_000_000L)]
    [InlineData("61737.63000000", 6_173_763_000_000L)]
    [InlineData("99999999.99999999", 9_999_999_999_999_999L)] // the longest text the fast path takes
    [InlineData("12345678.1234567", 1_234_567_812_345_670L)]
    [InlineData("9", 900_000_000L)]
    [InlineData("0.1", 10_000_000L)]
    [InlineData("00000000.00000001", 1L)]
    [InlineData("-0.5", -50_000_000L)]
    [InlineData(".5", 50_000_000L)]
    [InlineData("2.", 200_000_000L)]
    public void Parses_exchange_decimals_to_the_exact_raw_value(string text, long raw)
    {
        Fixed8.TryParseShort(Encoding.ASCII.GetBytes(text), out Fixed8 value).Should().BeTrue();

        value.Raw.Should().Be(raw);
    }

    [Theory]
    [InlineData("84270", 8_427_000_000_000L)]
    [InlineData("0.00099829", 99_829L)]
    [InlineData("72.34", 7_234_000_000L)]
    [InlineData("99999999.99999999", 9_999_999_999_999_999L)]
    [InlineData("12345678", 1_234_567_800_000_000L)]
    [InlineData("7.5", 750_000_000L)]
    public void Parses_a_decimal_inside_a_frame_without_reading_the_bytes_after_it_as_digits(string text, long raw)
    {
        // The next field's tag and a digit string follow, as in a deal item: "84270" then "0.00099829".
        byte[] frame = [.. Encoding.ASCII.GetBytes(text), 0x12, 0x0a, .. "0.0009982912345678"u8];

        Fixed8.TryParseShort(frame, text.Length, out Fixed8 value).Should().BeTrue();

        value.Raw.Should().Be(raw);
    }

    [Fact]
    public void A_length_beyond_the_buffer_is_an_argument_error_not_a_read_past_it()
    {
        Action parse = () => Fixed8.TryParseShort("72.34"u8, 6, out _);

        parse.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("7x.34")]
    [InlineData("72.3x")]
    [InlineData("72,34")]
    [InlineData("1.123456789")]
    [InlineData(" 1")]
    [InlineData("1e-3")]
    public void Rejects_what_the_reference_rejects(string text)
    {
        Fixed8.TryParseShort(Encoding.ASCII.GetBytes(text), out Fixed8 value).Should().BeFalse();

        value.Should().Be(Fixed8.Zero);
    }

    [Fact]
    public void Agrees_with_the_reference_on_every_string_of_up_to_five_characters_over_digits_point_signs_and_junk()
    {
        byte[] alphabet = "019.-+x/:"u8.ToArray(); // '/' and ':' sit either side of the digits
        byte[] text = new byte[5];
        int checkedCount = 0;
        for (int length = 0; length <= text.Length; length++)
        {
            int combinations = (int)Math.Pow(alphabet.Length, length);
            for (int n = 0; n < combinations; n++)
            {
                int rest = n;
                for (int i = 0; i < length; i++)
                {
                    text[i] = alphabet[rest % alphabet.Length];
                    rest /= alphabet.Length;
                }

                ShouldAgree(text.AsSpan(0, length));
                checkedCount++;
            }
        }

        checkedCount.Should().Be(66_430);
    }

    [Fact]
    public void Agrees_with_the_reference_for_every_point_position_and_length_up_to_twenty()
    {
        var random = new Random(20240808);
        byte[] text = new byte[20];
        for (int length = 1; length <= text.Length; length++)
        {
            for (int point = -1; point < length; point++)
            {
                for (int sample = 0; sample < 200; sample++)
                {
                    for (int i = 0; i < length; i++)
                    {
                        // Mostly nines and zeros: the extremes of every digit position.
                        text[i] = (byte)(i == point ? '.' : sample % 3 == 0 ? '9' : sample % 3 == 1 ? '0' + random.Next(10) : '0');
                    }

                    ShouldAgree(text.AsSpan(0, length));
                }
            }
        }
    }

    [Fact]
    public void Agrees_with_the_reference_on_a_million_random_strings_of_digits_points_and_a_few_other_bytes()
    {
        var random = new Random(42);
        byte[] text = new byte[20];
        for (int n = 0; n < 1_000_000; n++)
        {
            int length = random.Next(text.Length + 1);
            for (int i = 0; i < length; i++)
            {
                int pick = random.Next(100);
                text[i] = pick switch
                {
                    < 85 => (byte)('0' + random.Next(10)),
                    < 95 => (byte)'.',
                    < 97 => (byte)'-',
                    _ => (byte)random.Next(256),
                };
            }

            ShouldAgree(text.AsSpan(0, length));
        }
    }

    [Fact]
    public void Agrees_with_the_reference_on_every_string_in_the_captured_mexc_frames()
    {
        string[] values = File.ReadLines(SharedFolder.File("mexc", "captured-frames.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Contains("(str): ", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("(str): ", StringComparison.Ordinal) + 7)..])
            .Distinct()
            .ToArray();

        int numbers = values.Count(v => CheckAndTellIfNumber(Encoding.UTF8.GetBytes(v)));

        (values.Length, numbers).Should().Be((135, 118));
    }

    [Fact]
    public void Agrees_with_the_reference_on_every_string_and_field_of_the_shared_market_data()
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        string data = SharedFolder.File("data");
        foreach (string path in Directory.GetFiles(data, "*.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                // Every JSON string: prices and quantities, and names that both parsers must refuse alike.
                for (int open = line.IndexOf('"', StringComparison.Ordinal); open >= 0;)
                {
                    int close = line.IndexOf('"', open + 1);
                    distinct.Add(line[(open + 1)..close]);
                    open = line.IndexOf('"', close + 1);
                }
            }
        }

        foreach (string path in Directory.GetFiles(data, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (string line in File.ReadLines(path))
            {
                distinct.UnionWith(line.Split(','));
            }
        }

        int numbers = distinct.Count(v => CheckAndTellIfNumber(Encoding.UTF8.GetBytes(v)));

        (distinct.Count, numbers).Should().Be((437_693, 372_403));
    }

    private static bool CheckAndTellIfNumber(byte[] utf8)
    {
        ShouldAgree(utf8);
        return Fixed8.TryParse(utf8, out _);
    }
}
