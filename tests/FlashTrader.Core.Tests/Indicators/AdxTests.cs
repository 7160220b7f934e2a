using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class AdxTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_adx_14_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("adx_14")["adx"];
        var adx = new Adx(14);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => adx.Update(bars[i].High, bars[i].Low, bars[i].Close)), expected, "streaming adx(14)");
        var batch = new double[bars.Length];
        Adx.Compute(bars.Column(b => b.High), bars.Column(b => b.Low), bars.Column(b => b.Close), batch, 14);
        Golden.AssertMatches(batch, expected, "batch adx(14)");
        adx.Lookback.Should().Be(27);
    }
}
