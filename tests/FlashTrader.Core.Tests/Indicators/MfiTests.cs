using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class MfiTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_mfi_14_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("mfi_14")["mfi"];
        var mfi = new Mfi(14);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => mfi.Update(bars[i].High, bars[i].Low, bars[i].Close, bars[i].Volume)), expected, "streaming mfi(14)");
        var batch = new double[bars.Length];
        Mfi.Compute(bars.Column(b => b.High), bars.Column(b => b.Low), bars.Column(b => b.Close), bars.Column(b => b.Volume), batch, 14);
        Golden.AssertMatches(batch, expected, "batch mfi(14)");
    }
}
