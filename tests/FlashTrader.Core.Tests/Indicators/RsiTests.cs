using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class RsiTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_rsi_14_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("rsi_14")["rsi"];
        var rsi = new Rsi(14);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => rsi.Update(bars[i].Close)), expected, "streaming rsi(14)");
        var batch = new double[bars.Length];
        Rsi.Compute(bars.Column(b => b.Close), batch, 14);
        Golden.AssertMatches(batch, expected, "batch rsi(14)");
        rsi.Lookback.Should().Be(14);
    }

    [Fact]
    public void Uses_Wilder_smoothing_after_the_first_period_changes()
    {
        var rsi = new Rsi(2);
        rsi.Update(10);
        rsi.Update(12);
        rsi.Update(11).Should().BeApproximately(100.0 * 1 / 1.5, 1e-12); // gain 2/2=1, loss 1/2=0.5
        rsi.Update(13).Should().BeApproximately(100.0 * 1.5 / 1.75, 1e-12); // gain (1+2)/2, loss 0.5/2
    }

    [Fact]
    public void Is_zero_for_a_flat_series_as_in_TaLib()
    {
        var output = new double[5];
        Rsi.Compute([10, 10, 10, 10, 10], output, 2);
        output[2..].Should().Equal(0, 0, 0);
    }
}
