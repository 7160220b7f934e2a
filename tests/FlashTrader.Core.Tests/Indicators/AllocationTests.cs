using FlashTrader.Core.Candles;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Indicators.Patterns;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

/// <summary>Streaming updates after warm-up allocate nothing: measured, not assumed.</summary>
public class AllocationTests
{
    public static TheoryData<string> Specs() =>
    [
        "sma(20)", "ema(20)", "wma(20)", "rsi(14)", "macd(12,26,9)", "bbands(20,2)", "atr(14)", "stoch(14,3,3)",
        "cci(20)", "obv", "mfi(14)", "adx(14)", "vwap", "vp(240,10)", "doji", "hammer", "shootingstar", "engulfing",
    ];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Streaming_update_allocates_zero_bytes_after_warm_up(string spec)
    {
        Bar[] bars = BtcUsdcMinuteBars.Bars;
        IBarIndicator indicator = IndicatorSpec.Parse(spec).Items[0].CreateIndicator();
        double sink = 0;
        for (int i = 0; i < 1000; i++)
        {
            indicator.Update(bars[i]);
            sink += indicator.GetOutput(0);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1000; i < 11_000; i++)
        {
            indicator.Update(bars[i]);
            for (int o = 0; o < indicator.OutputCount; o++)
            {
                sink += indicator.GetOutput(o);
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0, $"{spec} must not allocate per update (sink {sink})");
    }

    [Fact]
    public void Support_resistance_update_and_level_query_allocate_nothing()
    {
        Bar[] bars = BtcUsdcMinuteBars.Bars;
        var sr = new SupportResistance();
        Span<SupportResistanceLevel> levels = stackalloc SupportResistanceLevel[16];
        for (int i = 0; i < 1000; i++)
        {
            sr.Update(bars[i].High, bars[i].Low, bars[i].Close);
        }

        int found = sr.GetLevels(levels);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1000; i < 11_000; i++)
        {
            sr.Update(bars[i].High, bars[i].Low, bars[i].Close);
            found += sr.GetLevels(levels);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        found.Should().BePositive("the real data has clustered swings");
    }

    [Fact]
    public void Candle_building_and_the_multi_timeframe_view_allocate_nothing_per_trade_or_minute()
    {
        int closed = 0;
        var view = new MultiTimeframeCandles(Timeframe.FiveMinutes, Timeframe.FifteenMinutes, Timeframe.OneHour);
        view.Attach(Timeframe.FifteenMinutes, new Rsi(14));
        var minutes = new CandleBuilder(Timeframe.OneMinute, c =>
        {
            closed++;
            view.OnMinuteClosed(c);
        });
        long t = 1_677_628_800_000_000_000L; // 2023-03-01T00:00Z
        Fixed8 price = Fixed8.FromLong(23_000);
        Fixed8 qty = Fixed8.FromRaw(1_000_000);
        for (int i = 0; i < 2000; i++)
        {
            minutes.AddTrade(t + (i * 20_000_000_000L), price + Fixed8.FromRaw(i % 7 * 1_000_000), qty);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 2000; i < 20_000; i++)
        {
            // Every 50th trade skips 3 minutes, so flat candles are made too.
            long at = t + (i * 20_000_000_000L) + (i / 50 * 180_000_000_000L);
            minutes.AddTrade(at, price + Fixed8.FromRaw(i % 7 * 1_000_000), qty);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        closed.Should().BeGreaterThan(7000);
    }

    [Fact]
    public void Order_book_features_allocate_nothing()
    {
        PriceLevel[] bids = [new(Fixed8.FromLong(100), Fixed8.One), new(Fixed8.FromLong(99), Fixed8.One)];
        PriceLevel[] asks = [new(Fixed8.FromLong(101), Fixed8.One), new(Fixed8.FromLong(102), Fixed8.One)];
        double sink = OrderBookFeatures.Imbalance(bids, asks, 2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            sink += OrderBookFeatures.Imbalance(bids, asks, 2) + OrderBookFeatures.DepthRatio(bids, asks, 2)
                + OrderBookFeatures.Microprice(bids, asks) + OrderBookFeatures.SpreadBps(bids, asks);
            OrderBookFeatures.TryGetSpread(bids, asks, out _);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0, $"sink {sink}");
    }
}
