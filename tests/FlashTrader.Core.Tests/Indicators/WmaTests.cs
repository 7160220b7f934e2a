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
        // The output is N times the divider's reciprocal: within an ulp or so of N / divider, not bit-equal to it.
        wma.Update(3).Should().BeApproximately((1 + 4 + 9) / 6.0, 4e-16 * 14 / 6.0);
        wma.Update(9).Should().BeApproximately((2 + 6 + 27) / 6.0, 4e-16 * 35 / 6.0);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(7)]
    public void The_split_running_sums_stay_the_weighted_window_sum_over_many_wraps(int period)
    {
        // Whole numbers keep every running sum exact, so the output must be the weighted mean computed afresh, to
        // the one rounding of the divider's reciprocal (a few 1e-16 relative).
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

            double output = wma.Update(value);
            if (window.Count < period)
            {
                double.IsNaN(output).Should().BeTrue($"bar {i} is in the warm-up");
                continue;
            }

            double expected = window.Select((x, j) => x * (j + 1)).Sum() / divider;
            output.Should().BeApproximately(expected, 4e-16 * expected, $"bar {i}");
        }
    }

    [Fact]
    public void Value_is_the_output_the_last_update_returned()
    {
        var wma = new Wma(20);
        double.IsNaN(wma.Value).Should().BeTrue("no output before the window fills");
        foreach (var bar in BtcUsdcMinuteBars.Bars[..500])
        {
            double output = wma.Update(bar.Close);
            wma.Value.Should().Be(output);
            wma.GetOutput(0).Should().Be(output);
        }
    }

    [Fact]
    public void Stays_within_1e_9_relative_of_the_exact_weighted_mean_over_a_million_bar_price_walk()
    {
        // The running sums round on every bar and TA-Lib's recurrence carries the plain sum's rounding into the
        // weighted sum for good, so the error grows with the length of the series: this bounds it on a long one.
        // The walk steps by the real one-minute close changes of the shared BTCUSDC bars (picked by a fixed
        // xorshift, sign flipped at random, reflected above 1,000), in whole cents like the real prices, so
        // decimal running sums give the exact weighted mean of every window.
        const int period = 20;
        const int bars = 1_048_576;
        decimal[] closes = BtcUsdcMinuteBars.Bars.Select(b => (decimal)b.Close).ToArray();
        decimal[] steps = closes.Skip(1).Zip(closes, (next, prev) => next - prev).ToArray();
        decimal[] prices = new decimal[bars];
        decimal price = closes[0];
        ulong state = 0x9E3779B97F4A7C15UL;
        for (int i = 0; i < bars; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            decimal step = steps[(int)(state % (ulong)steps.Length)];
            step = ((state >> 40) & 1) == 0 ? step : -step;
            price += price + step < 1_000m ? -step : step;
            prices[i] = price;
        }

        var wma = new Wma(period);
        decimal weighted = 0, plain = 0, divider = period * (period + 1) / 2;
        double worst = 0;
        int worstBar = -1;
        for (int i = 0; i < bars; i++)
        {
            decimal x = prices[i];
            weighted += period * x - plain;
            plain += x - (i >= period ? prices[i - period] : 0m);
            double output = wma.Update((double)x);
            if (i >= period - 1)
            {
                double exact = (double)(weighted / divider);
                double error = Math.Abs(output - exact) / exact;
                if (error > worst)
                {
                    worst = error;
                    worstBar = i;
                }
            }
        }

        prices.Min().Should().BeGreaterThan(1_000m, "the walk stays a price");
        worst.Should().BeLessThan(1e-9, $"the largest relative error, at bar {worstBar}");
        worst.Should().BeGreaterThan(0, "the walk's cents are not exact in binary, so some rounding must show");
    }
}
