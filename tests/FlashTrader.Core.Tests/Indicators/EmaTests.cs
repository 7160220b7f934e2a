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
}
