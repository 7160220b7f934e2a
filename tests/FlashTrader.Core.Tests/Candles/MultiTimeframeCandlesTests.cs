using FlashTrader.Core.Candles;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Candles;

public class MultiTimeframeCandlesTests
{
    [Fact]
    public void A_15m_candle_becomes_visible_only_at_its_close_never_during_it()
    {
        var view = new MultiTimeframeCandles(Timeframe.FifteenMinutes);
        var klines = MinuteKlines.Read(31).ToList();
        long start = klines[0].OpenTimeNs;
        for (int i = 0; i < 14; i++)
        {
            view.OnMinuteClosed(klines[i]);
            view.TryGetLastClosed(Timeframe.FifteenMinutes, out _).Should().BeFalse($"at {i + 1} minutes the first 15m candle is still open");
        }

        view.NowNs.Should().Be(start + (14 * Timeframe.NanosPerMinute));
        view.OnMinuteClosed(klines[14]); // minute 00:14, closing at 00:15
        view.NowNs.Should().Be(start + (15 * Timeframe.NanosPerMinute));
        view.TryGetLastClosed(Timeframe.FifteenMinutes, out var first).Should().BeTrue();
        first.OpenTimeNs.Should().Be(start);
        first.CloseTimeNs.Should().Be(view.NowNs, "visible exactly at its close instant");

        for (int i = 15; i < 29; i++)
        {
            view.OnMinuteClosed(klines[i]);
            view.TryGetLastClosed(Timeframe.FifteenMinutes, out var seen).Should().BeTrue();
            seen.OpenTimeNs.Should().Be(start, $"minute {i} (closing {i + 1}m) must not see the 00:15 candle");
        }

        view.OnMinuteClosed(klines[29]);
        view.TryGetLastClosed(Timeframe.FifteenMinutes, out var second).Should().BeTrue();
        second.OpenTimeNs.Should().Be(start + (15 * Timeframe.NanosPerMinute));
        view.TryGetLastClosed(Timeframe.OneMinute, out var minute).Should().BeTrue();
        minute.Should().Be(klines[29]);
    }

    [Fact]
    public void An_indicator_on_15m_candles_changes_only_when_a_15m_candle_closes()
    {
        var view = new MultiTimeframeCandles(Timeframe.FifteenMinutes);
        var sma = new Sma(1);
        view.Attach(Timeframe.FifteenMinutes, sma);
        var klines = MinuteKlines.Read(30).ToList();
        for (int i = 0; i < 30; i++)
        {
            view.OnMinuteClosed(klines[i]);
            double expected = i < 14 ? double.NaN : i < 29 ? 23163.04 : 23212.69;
            sma.Value.Should().Be(expected, $"after minute {i}");
        }
    }
}
