using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class AtrTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_atr_14_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("atr_14")["atr"];
        var atr = new Atr(14);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => atr.Update(bars[i].High, bars[i].Low, bars[i].Close)), expected, "streaming atr(14)");
        var batch = new double[bars.Length];
        Atr.Compute(bars.Column(b => b.High), bars.Column(b => b.Low), bars.Column(b => b.Close), batch, 14);
        Golden.AssertMatches(batch, expected, "batch atr(14)");
    }

    [Fact]
    public void True_range_includes_the_gap_from_the_previous_close()
    {
        var atr = new Atr(1);
        atr.Update(10, 9, 10);
        atr.Update(15, 14, 14).Should().Be(5); // high 15 - previous close 10
    }
}
