using FlashTrader.Core.Candles;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Candles;

public class CandleBuilderTests
{
    private static readonly long T0 = new DateTimeOffset(2024, 8, 8, 23, 54, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
    private static readonly long Sec = 1_000_000_000;

    private static Fixed8 P(string s) => MinuteKlines.P(s);

    [Fact]
    public void Trades_build_an_ohlcv_candle_closed_by_the_first_trade_of_the_next_minute()
    {
        var closed = new List<Candle>();
        var builder = new CandleBuilder(Timeframe.OneMinute, closed.Add);
        builder.AddTrade(T0 + (10 * Sec), P("100.5"), P("0.1"));
        builder.AddTrade(T0 + (20 * Sec), P("101.25"), P("0.2"));
        builder.AddTrade(T0 + (30 * Sec), P("99.75"), P("0.3"));
        builder.AddTrade(T0 + (59 * Sec) + 999_999_999, P("100"), P("0.4"));
        closed.Should().BeEmpty("the minute has not ended");
        builder.AddTrade(T0 + (60 * Sec), P("100.1"), P("1"));
        closed.Should().Equal(new Candle(T0, Timeframe.OneMinute, P("100.5"), P("101.25"), P("99.75"), P("100"), P("1.0"), 4, false));
        builder.TryGetCurrent(out var current).Should().BeTrue();
        current.OpenTimeNs.Should().Be(T0 + (60 * Sec));
    }

    [Fact]
    public void Minutes_without_trades_are_emitted_as_flat_candles_at_the_previous_close()
    {
        var closed = new List<Candle>();
        var builder = new CandleBuilder(Timeframe.OneMinute, closed.Add);
        builder.AddTrade(T0 + (5 * Sec), P("100"), P("1"));
        builder.AddTrade(T0 + (6 * Sec), P("102"), P("1"));
        builder.AddTrade(T0 + (185 * Sec), P("103"), P("1")); // minute 3
        closed.Should().HaveCount(3);
        closed[1].Should().Be(Candle.Flat(T0 + (60 * Sec), Timeframe.OneMinute, P("102")));
        closed[2].Should().Be(Candle.Flat(T0 + (120 * Sec), Timeframe.OneMinute, P("102")));
        closed[2].IsFlat.Should().BeTrue();
        closed[2].Volume.Should().Be(Fixed8.Zero);
    }

    [Fact]
    public void AdvanceTo_closes_the_minute_and_fills_elapsed_empty_minutes_without_a_trade()
    {
        var closed = new List<Candle>();
        var builder = new CandleBuilder(Timeframe.OneMinute, closed.Add);
        builder.AddTrade(T0 + Sec, P("100"), P("1"));
        builder.AdvanceTo(T0 + (60 * Sec) - 1);
        closed.Should().BeEmpty();
        builder.AdvanceTo(T0 + (60 * Sec));
        closed.Should().ContainSingle().Which.IsFlat.Should().BeFalse();
        builder.AdvanceTo(T0 + (180 * Sec));
        closed.Select(c => c.OpenTimeNs).Should().Equal(T0, T0 + (60 * Sec), T0 + (120 * Sec));
        closed.Skip(1).Should().OnlyContain(c => c.IsFlat && c.Close == P("100"));
        builder.AddTrade(T0 + (200 * Sec), P("101"), P("1"));
        closed.Should().HaveCount(3, "minute 3 is in progress, no duplicate flat candles");
    }

    [Theory]
    [InlineData(5, 30)]
    [InlineData(15, 30)]
    [InlineData(60, 0)]
    public void Candles_align_to_utc_boundaries(int minutes, int expectedOpenMinute)
    {
        var tf = new Timeframe(minutes * Timeframe.NanosPerMinute);
        long t = new DateTimeOffset(2023, 3, 1, 12, 34, 56, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var open = DateTimeOffset.FromUnixTimeMilliseconds(tf.OpenTimeOf(t) / 1_000_000);
        open.Should().Be(new DateTimeOffset(2023, 3, 1, 12, expectedOpenMinute, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_late_trade_for_an_emitted_minute_is_counted_not_applied()
    {
        var closed = new List<Candle>();
        var builder = new CandleBuilder(Timeframe.OneMinute, closed.Add);
        builder.AddTrade(T0 + (61 * Sec), P("100"), P("1"));
        builder.AddTrade(T0 + (59 * Sec), P("90"), P("1"));
        builder.LateTradeCount.Should().Be(1);
        builder.TryGetCurrent(out var current).Should().BeTrue();
        current.Low.Should().Be(P("100"));
    }

    [Fact]
    public void Real_minute_klines_aggregate_into_15_minute_candles_closed_with_their_last_minute()
    {
        var closed = new List<Candle>();
        var builder = new CandleBuilder(Timeframe.FifteenMinutes, closed.Add);
        var klines = MinuteKlines.Read(30).ToList();
        for (int i = 0; i < 14; i++)
        {
            builder.AddKline(klines[i]);
        }

        closed.Should().BeEmpty();
        builder.AddKline(klines[14]);
        closed.Should().ContainSingle().Which.Should().Be(new Candle(
            klines[0].OpenTimeNs, Timeframe.FifteenMinutes, P("23143.82"), P("23178.51"), P("23133.69"), P("23163.04"), P("0.369689"), 0, false));
        foreach (var k in klines.Skip(15))
        {
            builder.AddKline(k);
        }

        closed[1].Should().Be(new Candle(
            klines[15].OpenTimeNs, Timeframe.FifteenMinutes, P("23163.04"), P("23212.69"), P("23163.04"), P("23212.69"), P("0.183776"), 0, false));
        FluentActions.Invoking(() => builder.AddKline(klines[3])).Should().Throw<ArgumentException>().WithMessage("*older than*");
    }

    [Fact]
    public void A_zero_volume_exchange_kline_is_flagged_flat()
    {
        var klines = MinuteKlines.Read(2).ToList();
        klines[1].IsFlat.Should().BeTrue("the second shared minute has volume 0.0");
        var closed = new List<Candle>();
        var builder = new CandleBuilder(Timeframe.OneMinute, closed.Add);
        builder.AddKline(klines[0]);
        builder.AddKline(klines[1]);
        closed.Select(c => c.IsFlat).Should().Equal(false, true);
    }
}
