using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class StochasticTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_stoch_14_3_3_at_every_index()
    {
        var bars = Golden.Bars;
        var golden = Golden.Load("stoch_14_3_3");
        var stoch = new Stochastic(14, 3, 3);
        var (k, d) = (new double[bars.Length], new double[bars.Length]);
        for (int i = 0; i < bars.Length; i++)
        {
            stoch.Update(bars[i].High, bars[i].Low, bars[i].Close);
            (k[i], d[i]) = (stoch.K, stoch.D);
        }

        Golden.AssertMatches(k, golden["k"], "streaming slow %K");
        Golden.AssertMatches(d, golden["d"], "streaming slow %D");
        Stochastic.Compute(bars.Column(b => b.High), bars.Column(b => b.Low), bars.Column(b => b.Close), k, d, 14, 3, 3);
        Golden.AssertMatches(k, golden["k"], "batch slow %K");
        Golden.AssertMatches(d, golden["d"], "batch slow %D");
        stoch.Lookback.Should().Be(17);
    }
}
