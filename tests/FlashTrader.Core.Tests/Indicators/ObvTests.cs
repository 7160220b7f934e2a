using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class ObvTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_obv_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("obv")["obv"];
        var obv = new Obv();
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => obv.Update(bars[i].Close, bars[i].Volume)), expected, "streaming obv");
        var batch = new double[bars.Length];
        Obv.Compute(bars.Column(b => b.Close), bars.Column(b => b.Volume), batch);
        Golden.AssertMatches(batch, expected, "batch obv");
    }
}
