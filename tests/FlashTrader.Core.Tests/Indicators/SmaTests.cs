using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class SmaTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_sma_20_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("sma_20")["sma"];
        var sma = new Sma(20);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => sma.Update(bars[i].Close)), expected, "streaming sma(20)");
        var batch = new double[bars.Length];
        Sma.Compute(bars.Column(b => b.Close), batch, 20);
        Golden.AssertMatches(batch, expected, "batch sma(20)");
        sma.Lookback.Should().Be(19);
    }

    [Fact]
    public void First_output_is_the_plain_mean_of_the_first_period_values()
    {
        var sma = new Sma(3);
        double.IsNaN(sma.Update(1)).Should().BeTrue();
        double.IsNaN(sma.Update(2)).Should().BeTrue();
        sma.IsReady.Should().BeFalse();
        sma.Update(6).Should().Be(3);
        sma.IsReady.Should().BeTrue();
        sma.Update(10).Should().Be(6);
    }

    [Fact]
    public void Period_one_is_each_value_itself_from_the_first_bar()
    {
        // Stochastic's slow %K of 1 smooths with it: the window fills, and seeds, on every bar.
        var sma = new Sma(1);
        sma.Update(5).Should().Be(5);
        sma.IsReady.Should().BeTrue();
        sma.Update(7).Should().Be(7);
        sma.Update(-2).Should().Be(-2);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(7)]
    public void The_two_half_sums_stay_the_window_sum_over_many_wraps(int period)
    {
        // Whole numbers add exactly, so any slot booked to the wrong half, or a half that drifts, shows as a
        // difference from the mean of the window computed afresh; odd periods put consecutive bars in one half at the wrap.
        var sma = new Sma(period);
        var rng = new Random(6);
        var window = new Queue<double>();
        for (int i = 0; i < 100_000; i++)
        {
            double value = rng.Next(1, 1_000_000);
            window.Enqueue(value);
            if (window.Count > period)
            {
                window.Dequeue();
            }

            double expected = window.Count == period ? window.Sum() / period : double.NaN;
            sma.Update(value).Should().Be(expected, $"bar {i}");
        }
    }
}
