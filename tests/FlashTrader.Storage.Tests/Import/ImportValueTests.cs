using FlashTrader.Core.Numerics;
using FlashTrader.Storage.Import;

namespace FlashTrader.Storage.Tests.Import;

public sealed class ImportValueTests
{
    [Theory]
    [InlineData("1723161255", 1_723_161_255_000_000_000L)]              // seconds
    [InlineData("1723161255208", 1_723_161_255_208_000_000L)]           // milliseconds (Binance E)
    [InlineData("1582329602111000", 1_582_329_602_111_000_000L)]        // microseconds (tardis)
    [InlineData("1723161253937085768", 1_723_161_253_937_085_768L)]     // nanoseconds (hftbacktest capture)
    [InlineData("1582329602.111", 1_582_329_602_111_000_000L)]          // fractional seconds
    public void Epoch_timestamps_are_read_in_the_unit_their_magnitude_implies(string text, long expectedNs) =>
        ImportValue.EpochNs(System.Text.Encoding.UTF8.GetBytes(text), "timestamp").Should().Be(expectedNs);

    [Theory]
    [InlineData("2023-03-01 00:00:00+00:00", 1_677_628_800_000_000_000L)]
    [InlineData("2023-03-01T01:00:00+01:00", 1_677_628_800_000_000_000L)]
    [InlineData("2023-03-01T00:00:00Z", 1_677_628_800_000_000_000L)]
    [InlineData("1677628800000", 1_677_628_800_000_000_000L)]
    public void Kline_times_may_be_iso_8601_or_epoch(string text, long expectedNs) =>
        ImportValue.EpochOrIsoNs(System.Text.Encoding.UTF8.GetBytes(text), "open time").Should().Be(expectedNs);

    [Theory]
    [InlineData("12345")]
    [InlineData("17231612552080000000000")]
    [InlineData("17x3")]
    public void Values_that_are_no_epoch_timestamp_are_rejected_naming_the_field(string text)
    {
        Action parse = () => ImportValue.EpochNs(System.Text.Encoding.UTF8.GetBytes(text), "local_timestamp");
        parse.Should().Throw<BadLineException>().WithMessage("local_timestamp*");
    }

    [Theory]
    [InlineData("5.4e-05", "0.000054")]
    [InlineData("1E+3", "1000")]
    [InlineData("-2.5e-7", "-0.00000025")]
    [InlineData("61837.63000000", "61837.63")]
    public void Decimals_are_exact_including_scientific_notation(string text, string expected) =>
        ImportValue.Decimal(System.Text.Encoding.UTF8.GetBytes(text), "qty").Should().Be(Fixed8.Parse(expected));

    [Theory]
    [InlineData("1e-9")]
    [InlineData("1.23456789e-1")]
    [InlineData("0.000000001")]
    [InlineData("abc")]
    [InlineData("")]
    public void Decimals_needing_more_than_eight_places_or_not_numbers_are_rejected(string text)
    {
        Action parse = () => ImportValue.Decimal(System.Text.Encoding.UTF8.GetBytes(text), "qty");
        parse.Should().Throw<BadLineException>().WithMessage($"qty '{text}' is not a decimal with at most 8 places");
    }
}
