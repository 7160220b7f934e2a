using System.Text;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Tests.Numerics;

public sealed class Fixed8Tests
{
    private static bool TryParseUtf8(string text, out Fixed8 value) => Fixed8.TryParse(Encoding.UTF8.GetBytes(text), out value);

    [Theory]
    [InlineData("61837.63000000", 6_183_763_000_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("-0.5", -50_000_000L)]
    [InlineData("+1", 100_000_000L)]
    [InlineData("007", 700_000_000L)]
    [InlineData(".5", 50_000_000L)]
    [InlineData("2.", 200_000_000L)]
    [InlineData("0.123456780000", 12_345_678L)]
    [InlineData("92233720368.54775807", long.MaxValue)]
    [InlineData("-92233720368.54775807", -long.MaxValue)]
    public void Parses_invariant_decimals_exactly(string text, long raw)
    {
        TryParseUtf8(text, out Fixed8 utf8).Should().BeTrue();
        utf8.Raw.Should().Be(raw);
        Fixed8.TryParse(text.AsSpan(), out Fixed8 chars).Should().BeTrue();
        chars.Should().Be(utf8);
    }

    [Theory]
    [InlineData("0.000000001", "a ninth significant decimal would be lost")]
    [InlineData("1.123456789", "a ninth significant decimal would be lost")]
    [InlineData("92233720368.54775808", "one unit beyond the range")]
    [InlineData("92233720369", "the whole part alone overflows")]
    [InlineData("100000000000000000000", "far beyond the range")]
    [InlineData("", "empty")]
    [InlineData("-", "a sign alone has no digits")]
    [InlineData(".", "a point alone has no digits")]
    [InlineData("1e-3", "scientific notation is not accepted")]
    [InlineData("1,5", "the comma is not a decimal separator")]
    [InlineData(" 1", "whitespace is not trimmed")]
    [InlineData("1.2.3", "two points")]
    [InlineData("--1", "two signs")]
    public void Rejects_what_it_cannot_represent_exactly(string text, string because)
    {
        TryParseUtf8(text, out Fixed8 value).Should().BeFalse(because);
        value.Should().Be(Fixed8.Zero);
    }

    [Fact]
    public void Parse_names_the_bad_text()
    {
        Action parse = () => Fixed8.Parse("0.000000001");

        parse.Should().Throw<FormatException>().WithMessage("'0.000000001' is not a decimal with at most 8 places");
    }

    [Theory]
    [InlineData(6_183_763_000_000L, "61837.63")]
    [InlineData(100_000_000L, "1")]
    [InlineData(0L, "0")]
    [InlineData(1L, "0.00000001")]
    [InlineData(-1L, "-0.00000001")]
    [InlineData(-150_000_000L, "-1.5")]
    [InlineData(long.MaxValue, "92233720368.54775807")]
    [InlineData(long.MinValue, "-92233720368.54775808")]
    public void Formats_the_shortest_exact_text(long raw, string text)
    {
        Fixed8.FromRaw(raw).ToString().Should().Be(text);
        Span<byte> utf8 = stackalloc byte[32];
        Fixed8.FromRaw(raw).TryFormat(utf8, out int written).Should().BeTrue();
        Encoding.UTF8.GetString(utf8[..written]).Should().Be(text);
    }

    [Fact]
    public void Formatting_into_a_too_small_buffer_fails_instead_of_truncating()
    {
        Span<byte> utf8 = stackalloc byte[4];

        Fixed8.Parse("61837.63").TryFormat(utf8, out int written).Should().BeFalse();
        written.Should().Be(0);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(6_183_763_000_000L)]
    [InlineData(123_456_789_012L)]
    [InlineData(-987_654_321L)]
    [InlineData(long.MaxValue)]
    [InlineData(-long.MaxValue)]
    public void Formatting_then_parsing_round_trips(long raw)
    {
        Fixed8 value = Fixed8.FromRaw(raw);

        Fixed8.Parse(value.ToString()).Should().Be(value);
        Fixed8.FromDecimal(value.ToDecimal()).Should().Be(value);
    }

    [Fact]
    public void Decimal_conversion_is_exact_and_refuses_a_ninth_decimal()
    {
        Fixed8.FromDecimal(0.12345678m).Raw.Should().Be(12_345_678);
        Fixed8.Parse("61837.63").ToDecimal().Should().Be(61837.63m);

        Action ninth = () => Fixed8.FromDecimal(0.123456789m);
        ninth.Should().Throw<ArgumentException>().WithMessage("0.123456789 has more than 8 decimal places*");

        Fixed8.RoundFromDecimal(0.123456785m).Raw.Should().Be(12_345_679, "half rounds away from zero");
        Fixed8.RoundFromDecimal(-0.123456785m).Raw.Should().Be(-12_345_679);
    }

    [Fact]
    public void Multiply_gives_the_exact_notional()
    {
        Fixed8.Multiply(Fixed8.Parse("61837.63"), Fixed8.Parse("0.00123457")).Should().Be(76.3428828691m);
        Fixed8.Multiply(Fixed8.Parse("61837.63"), Fixed8.Parse("1000")).Should().Be(61_837_630m, "the raw product exceeds a long but not 128 bits");
        Action beyondDecimal = () => Fixed8.Multiply(Fixed8.MaxValue, Fixed8.MaxValue);
        beyondDecimal.Should().Throw<OverflowException>("a notional beyond decimal's range must not wrap");
    }

    [Fact]
    public void Arithmetic_overflow_throws_instead_of_wrapping()
    {
        Action add = () => _ = Fixed8.MaxValue + Fixed8.FromRaw(1);
        Action whole = () => Fixed8.FromLong(92_233_720_369);

        add.Should().Throw<OverflowException>();
        whole.Should().Throw<OverflowException>();
    }

    [Theory]
    [InlineData("0.0019999", 6, "0.001999", "0.002")]
    [InlineData("61837.635", 2, "61837.63", "61837.64")]
    [InlineData("61837.634", 2, "61837.63", "61837.63")]
    [InlineData("-1.005", 2, "-1", "-1.01")]
    [InlineData("7", 0, "7", "7")]
    public void Truncates_toward_zero_and_rounds_half_away_from_zero(string value, int decimals, string truncated, string rounded)
    {
        Fixed8 v = Fixed8.Parse(value);

        v.TruncateTo(decimals).Should().Be(Fixed8.Parse(truncated));
        v.RoundTo(decimals).Should().Be(Fixed8.Parse(rounded));
        v.TruncateTo(decimals).HasAtMostDecimals(decimals).Should().BeTrue();
    }

    [Fact]
    public void Precision_beyond_eight_decimals_is_an_argument_error()
    {
        Action nine = () => Fixed8.One.TruncateTo(9);

        nine.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("decimals");
    }
}
