using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class WmaTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_wma_20_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("wma_20")["wma"];
        var wma = new Wma(20);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => wma.Update(bars[i].Close)), expected, "streaming wma(20)");
        var batch = new double[bars.Length];
        Wma.Compute(bars.Column(b => b.Close), batch, 20);
        Golden.AssertMatches(batch, expected, "batch wma(20)");
    }

    [Fact]
    public void Weighs_the_newest_value_most()
    {
        var wma = new Wma(3);
        wma.Update(1);
        wma.Update(2);
        wma.Update(3).Should().Be((1 + 4 + 9) / 6.0);
        wma.Update(9).Should().Be((2 + 6 + 27) / 6.0);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(7)]
    public void The_split_running_sums_stay_the_weighted_window_sum_over_many_wraps(int period)
    {
        // Whole numbers keep every running sum exact, so the output must equal the weighted mean computed afresh.
        var wma = new Wma(period);
        var rng = new Random(6);
        var window = new List<double>();
        double divider = period * (period + 1) / 2.0;
        for (int i = 0; i < 50_000; i++)
        {
            double value = rng.Next(1, 100_000);
            window.Add(value);
            if (window.Count > period)
            {
                window.RemoveAt(0);
            }

            double expected = window.Count == period ? window.Select((x, j) => x * (j + 1)).Sum() / divider : double.NaN;
            wma.Update(value).Should().Be(expected, $"bar {i}");
        }
    }
}
