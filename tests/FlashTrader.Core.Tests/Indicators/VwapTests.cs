using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class VwapTests
{
    private const long Minute = 60_000_000_000L;
    private static readonly long Midnight = new DateTimeOffset(2023, 3, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public void Is_the_volume_weighted_mean_price_and_resets_at_utc_midnight()
    {
        var vwap = Vwap.AnchoredToUtcDay();
        double.IsNaN(vwap.Value).Should().BeTrue();
        vwap.Update(Midnight - (2 * Minute), 100, 1).Should().Be(100);
        vwap.Update(Midnight - Minute, 110, 3).Should().Be(107.5);
        vwap.Update(Midnight, 200, 2).Should().Be(200, "a new UTC day starts a new VWAP");
        vwap.Update(Midnight + Minute, 100, 0).Should().Be(200, "zero volume does not move it");
    }

    [Fact]
    public void Session_anchored_vwap_ignores_earlier_prices_and_reanchors()
    {
        var vwap = Vwap.AnchoredAt(Midnight);
        double.IsNaN(vwap.Update(Midnight - Minute, 50, 10)).Should().BeTrue();
        vwap.Update(Midnight, 100, 1).Should().Be(100);
        vwap.Update(Midnight + Minute, 130, 2).Should().Be(120);
        vwap.Reanchor(Midnight + (2 * Minute));
        vwap.Update(Midnight + (2 * Minute), 90, 1).Should().Be(90);
    }

    [Fact]
    public void On_the_real_first_day_equals_the_typical_price_weighted_by_volume()
    {
        var bars = BtcUsdcMinuteBars.Bars;
        var vwap = Vwap.AnchoredToUtcDay();
        double pv = 0;
        double v = 0;
        for (int i = 0; i < 1440; i++)
        {
            vwap.Update(bars[i]);
            double typical = (bars[i].High + bars[i].Low + bars[i].Close) / 3.0;
            pv += typical * bars[i].Volume;
            v += bars[i].Volume;
        }

        vwap.Value.Should().Be(pv / v);
        vwap.Value.Should().BeInRange(bars.Take(1440).Min(b => b.Low), bars.Take(1440).Max(b => b.High));
        bars[1440].Volume.Should().Be(0);
        vwap.Update(bars[1440]);
        double.IsNaN(vwap.Value).Should().BeTrue("2023-03-02 00:00 starts a new day, which has no volume yet");
    }
}
