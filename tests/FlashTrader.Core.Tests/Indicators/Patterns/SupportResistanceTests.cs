using FlashTrader.Core.Indicators.Patterns;

namespace FlashTrader.Core.Tests.Indicators.Patterns;

public class SupportResistanceTests
{
    // A hand-made range: highs peak near 110 three times, lows bottom near 100 twice, close ends at 105.
    private static readonly (double High, double Low)[] RangeBound =
    [
        (104, 102), (107, 103), (110.0, 106), (107, 104), (104, 100.0), (106, 103), (109.95, 105),
        (106, 103), (103, 100.05), (105, 102), (110.05, 104), (107, 104), (106, 104),
    ];

    [Fact]
    public void Clusters_swing_highs_into_resistance_and_swing_lows_into_support()
    {
        var sr = new SupportResistance(strength: 2, tolerance: 0.001, minTouches: 2);
        foreach (var (high, low) in RangeBound)
        {
            sr.Update(high, low, 105);
        }

        sr.SwingCount.Should().Be(5); // highs at bars 2, 6, 10; lows at bars 4, 8
        var levels = new SupportResistanceLevel[4];
        int n = sr.GetLevels(levels);
        n.Should().Be(2);
        levels[0].Price.Should().BeApproximately(100.025, 1e-9);
        levels[0].Touches.Should().Be(2);
        levels[0].IsSupport.Should().BeTrue();
        levels[1].Price.Should().BeApproximately(110.0, 1e-9);
        levels[1].Touches.Should().Be(3);
        levels[1].IsSupport.Should().BeFalse();
    }

    [Fact]
    public void A_swing_is_confirmed_only_strength_bars_after_it()
    {
        var sr = new SupportResistance(strength: 2);
        sr.Update(1, 0.5, 1);
        sr.Update(2, 1.5, 2);
        sr.Update(5, 4.5, 4); // the peak
        sr.Update(3, 2.5, 3);
        sr.SwingCount.Should().Be(0, "one bar after the peak it is not yet a swing");
        sr.Update(2, 1.5, 2);
        sr.SwingCount.Should().Be(1);
    }

    [Fact]
    public void Swings_further_apart_than_the_tolerance_stay_separate_and_below_min_touches_are_not_levels()
    {
        var sr = new SupportResistance(strength: 1, tolerance: 0.0001, minTouches: 2);
        foreach (var (high, low) in new[] { (100.0, 99.0), (101.0, 100.0), (100.0, 99.5), (101.5, 100.0), (100.0, 99.6) })
        {
            sr.Update(high, low, 100);
        }

        sr.GetLevels(new SupportResistanceLevel[4]).Should().Be(0, "101 and 101.5 are 0.5% apart, above 0.01%");
    }
}
