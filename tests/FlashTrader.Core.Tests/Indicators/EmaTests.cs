using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class EmaTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_ema_20_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("ema_20")["ema"];
        var ema = new Ema(20);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => ema.Update(bars[i].Close)), expected, "streaming ema(20)");
        var batch = new double[bars.Length];
        Ema.Compute(bars.Column(b => b.Close), batch, 20);
        Golden.AssertMatches(batch, expected, "batch ema(20)");
    }

    [Fact]
    public void Is_seeded_with_the_sma_of_the_first_period_values_then_smoothed_with_k_2_over_n_plus_1()
    {
        var ema = new Ema(3);
        ema.Update(1);
        ema.Update(2);
        ema.Update(6).Should().Be(3);
        ema.Update(7).Should().Be(5); // 3 + (7 - 3) * 0.5
    }

    [Theory]
    [InlineData(20)]
    [InlineData(5)]
    public void The_two_bar_step_follows_the_one_bar_recurrence_without_drift(int period)
    {
        // Each bar comes from the value two bars back; over a long series it must stay on prev + (x - prev)·k.
        var ema = new Ema(period);
        var rng = new Random(6);
        double k = 2.0 / (period + 1);
        double sum = 0;
        double expected = double.NaN;
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double value = 20_000 + (rng.NextDouble() * 5_000);
            if (i < period)
            {
                sum += value;
                expected = i == period - 1 ? sum / period : double.NaN;
            }
            else
            {
                expected += (value - expected) * k;
            }

            double actual = ema.Update(value);
            if (i < period - 1)
            {
                double.IsNaN(actual).Should().BeTrue($"bar {i} is warm-up");
                continue;
            }

            worst = Math.Max(worst, Math.Abs(actual - expected) / expected);
        }

        worst.Should().BeLessThan(1e-14);
    }
}
