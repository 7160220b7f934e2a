using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class BollingerBandsTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_bbands_20_2_at_every_index()
    {
        var bars = Golden.Bars;
        var golden = Golden.Load("bbands_20_2");
        var bb = new BollingerBands(20, 2, 2);
        var (u, m, l) = (new double[bars.Length], new double[bars.Length], new double[bars.Length]);
        for (int i = 0; i < bars.Length; i++)
        {
            bb.Update(bars[i].Close);
            (u[i], m[i], l[i]) = (bb.Upper, bb.Middle, bb.Lower);
        }

        Golden.AssertMatches(u, golden["upper"], "streaming upper");
        Golden.AssertMatches(m, golden["middle"], "streaming middle");
        Golden.AssertMatches(l, golden["lower"], "streaming lower");
        BollingerBands.Compute(bars.Column(b => b.Close), u, m, l, 20, 2, 2);
        Golden.AssertMatches(u, golden["upper"], "batch upper");
        Golden.AssertMatches(m, golden["middle"], "batch middle");
        Golden.AssertMatches(l, golden["lower"], "batch lower");
    }

    [Fact]
    public void Bands_are_the_mean_plus_minus_nbdev_population_standard_deviations()
    {
        var bb = new BollingerBands(4, 2, 2);
        foreach (double x in new[] { 2.0, 4, 4, 6 })
        {
            bb.Update(x);
        }

        bb.Middle.Should().Be(4);
        bb.Upper.Should().BeApproximately(4 + (2 * Math.Sqrt(2)), 1e-12);
        bb.Lower.Should().BeApproximately(4 - (2 * Math.Sqrt(2)), 1e-12);
    }
}
