using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class CciTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_cci_20_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("cci_20")["cci"];
        var cci = new Cci(20);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => cci.Update(bars[i].High, bars[i].Low, bars[i].Close)), expected, "streaming cci(20)");
        var batch = new double[bars.Length];
        Cci.Compute(bars.Column(b => b.High), bars.Column(b => b.Low), bars.Column(b => b.Close), batch, 20);
        Golden.AssertMatches(batch, expected, "batch cci(20)");
    }
}
