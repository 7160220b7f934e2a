using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class MacdTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_macd_12_26_9_at_every_index()
    {
        var bars = Golden.Bars;
        var golden = Golden.Load("macd_12_26_9");
        var macd = new Macd(12, 26, 9);
        var streamed = new double[3][];
        for (int o = 0; o < 3; o++)
        {
            streamed[o] = new double[bars.Length];
        }

        for (int i = 0; i < bars.Length; i++)
        {
            macd.Update(bars[i].Close);
            streamed[0][i] = macd.MacdValue;
            streamed[1][i] = macd.Signal;
            streamed[2][i] = macd.Histogram;
        }

        Golden.AssertMatches(streamed[0], golden["macd"], "streaming macd");
        Golden.AssertMatches(streamed[1], golden["signal"], "streaming signal");
        Golden.AssertMatches(streamed[2], golden["hist"], "streaming hist");
        var (m, s, h) = (new double[bars.Length], new double[bars.Length], new double[bars.Length]);
        Macd.Compute(bars.Column(b => b.Close), m, s, h, 12, 26, 9);
        Golden.AssertMatches(m, golden["macd"], "batch macd");
        Golden.AssertMatches(s, golden["signal"], "batch signal");
        Golden.AssertMatches(h, golden["hist"], "batch hist");
        macd.Lookback.Should().Be(33);
    }

    [Fact]
    public void Seeds_the_fast_ema_over_the_bars_just_before_the_slow_seed_ends()
    {
        // fast 2, slow 3, signal 1: both EMAs start at bar 2; the fast one is the mean of bars 1..2, not 0..1.
        var macd = new Macd(2, 3, 1);
        macd.Update(1).Should().BeFalse();
        macd.Update(2).Should().BeFalse();
        macd.Update(6).Should().BeTrue();
        macd.MacdValue.Should().Be(4 - 3);
    }
}
