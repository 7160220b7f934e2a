using FlashTrader.Core.Market;

namespace FlashTrader.Core.Tests.Market;

/// <summary>A 100 ms grid; momentum, volatility and trend over 3 samples (300 ms).</summary>
public sealed class SampledMidSeriesTests
{
    private readonly SampledMidSeries _series = new(intervalMs: 100, momentumWindowMs: 300, volatilityWindowMs: 300, trendWindowMs: 300);

    private void Observe(double ms, double mid) => _series.Observe((long)(ms * 1_000_000), mid);

    [Fact]
    public void Indicators_are_NaN_until_their_window_has_filled()
    {
        Observe(0, 100);
        Observe(100, 101);

        _series.Samples.Should().Be(2);
        _series.MomentumPercent.Should().Be(double.NaN);
        _series.VolatilityPercent.Should().Be(double.NaN);
        _series.TrendPercent.Should().Be(double.NaN);
    }

    [Fact]
    public void Each_grid_point_samples_the_mid_in_force_just_before_it()
    {
        Observe(0, 100);
        Observe(100, 101);
        Observe(200, 102);
        Observe(250, 102.5);
        Observe(300, 103);

        // Samples: 100 (first observation), then 100, 101, 102.5 at 100, 200 and 300 ms; the mid now is 103.
        _series.Samples.Should().Be(4);
        _series.MomentumPercent.Should().BeApproximately(3, 1e-9, "103 against the sample 3 intervals back (100)");
        _series.TrendPercent.Should().BeApproximately(((103 / ((100 + 101 + 102.5) / 3)) - 1) * 100, 1e-9);
        double r1 = Math.Log(101 / 100.0);
        double r2 = Math.Log(102.5 / 101);
        _series.VolatilityPercent.Should().BeApproximately(Math.Sqrt((r1 * r1) + (r2 * r2)) * 100, 1e-9, "the 0 return 100 -> 100 adds nothing");
    }

    [Fact]
    public void A_quiet_period_carries_the_last_mid_forward_with_a_bounded_catch_up()
    {
        Observe(0, 100);
        Observe(100, 103);

        Observe(10_000, 104);

        // 99 grid points elapsed, but the catch-up stops after one buffer's worth (5 samples): the window is all 103s.
        _series.Samples.Should().Be(2 + 5);
        _series.MomentumPercent.Should().BeApproximately(((104 / 103.0) - 1) * 100, 1e-9);
        _series.VolatilityPercent.Should().BeApproximately(0, 1e-6);
    }
}
