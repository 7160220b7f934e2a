using FlashTrader.Core.Indicators;
using FlashTrader.Core.Indicators.Patterns;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators.Patterns;

public class CandlestickPatternTests
{
    public delegate void BatchPattern(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output);

    [Theory]
    [InlineData("cdldoji", "doji", 10, 1929)]
    [InlineData("cdlhammer", "hammer", 11, 21)]
    [InlineData("cdlshootingstar", "shootingstar", 11, 26)]
    [InlineData("cdlengulfing", "engulfing", 2, 79)]
    public void Streaming_and_batch_match_TaLib_at_every_index(string golden, string column, int lookback, int signals)
    {
        Bar[] bars = Golden.Bars;
        double[] expected = Golden.Load(golden)[column];
        (IBarIndicator streaming, BatchPattern batch) = golden switch
        {
            "cdldoji" => ((IBarIndicator)new Doji(), (BatchPattern)Doji.Compute),
            "cdlhammer" => (new Hammer(), Hammer.Compute),
            "cdlshootingstar" => (new ShootingStar(), ShootingStar.Compute),
            _ => (new Engulfing(), Engulfing.Compute),
        };

        streaming.Lookback.Should().Be(lookback);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => { streaming.Update(bars[i]); return streaming.GetOutput(0); }), expected, golden + " streaming");
        var output = new double[bars.Length];
        batch(bars.Column(b => b.Open), bars.Column(b => b.High), bars.Column(b => b.Low), bars.Column(b => b.Close), output);
        Golden.AssertMatches(output, expected, golden + " batch");
        output.Count(v => v != 0 && !double.IsNaN(v)).Should().Be(signals, "the golden data has that many patterns: the test exercises both branches");
    }

    [Theory]
    [InlineData("doji")]
    [InlineData("hammer")]
    [InlineData("shootingstar")]
    [InlineData("engulfing")]
    public void Is_ready_from_the_update_that_gives_the_first_output(string pattern)
    {
        // Doji blanks its warm-up with its average's fill state rather than a counter: readiness must still turn
        // on with the first output (bar Lookback), not with the bar that fills the average's window before it.
        Bar[] bars = Golden.Bars;
        IBarIndicator indicator = IndicatorSpec.Parse(pattern).Items[0].CreateIndicator();
        for (int i = 0; i < indicator.Lookback; i++)
        {
            indicator.Update(bars[i]);
            indicator.IsReady.Should().BeFalse($"{pattern} after bar {i}");
            double.IsNaN(indicator.GetOutput(0)).Should().BeTrue($"{pattern} output at bar {i}");
        }

        indicator.Update(bars[indicator.Lookback]);
        indicator.IsReady.Should().BeTrue($"{pattern} after bar {indicator.Lookback}");
        indicator.GetOutput(0).Should().BeOneOf([0.0, 100.0, -100.0], pattern);
    }
}
