using FlashTrader.Core.Backtesting;
using static FlashTrader.Core.Tests.Backtesting.BacktestFixture;

namespace FlashTrader.Core.Tests.Backtesting;

public sealed class EquityStatisticsTests
{
    private static EquityStatistics Fixture()
    {
        var stats = new EquityStatistics();
        foreach ((long t, decimal e) in Equity)
        {
            stats.Add(t, e);
        }

        return stats;
    }

    [Fact]
    public void Returns_moments_match_the_hand_computed_values()
    {
        EquityStatistics s = Fixture();

        // Returns 0.1, -0.05, 0.1: mean 0.05, squared deviations 0.0025 + 0.01 + 0.0025 = 0.015.
        s.Samples.Should().Be(4);
        s.Returns.Should().Be(3);
        s.MeanReturn.Should().BeApproximately(0.05, 1e-15);
        s.ReturnStandardDeviation.Should().BeApproximately(Math.Sqrt(0.0075), 1e-15);
        s.SharpePerPeriod.Should().BeApproximately(1 / Math.Sqrt(3), 1e-12);
        // Downside: sqrt(0.05^2 / 3).
        s.DownsideDeviation.Should().BeApproximately(Math.Sqrt(0.0025 / 3), 1e-15);
        s.SortinoPerPeriod.Should().BeApproximately(Math.Sqrt(3), 1e-12);
        // Third central moment sum -0.00075: skew = sqrt(3) * -0.00075 / 0.015^1.5 = -1/sqrt(2); kurtosis 3 * 0.0001125 / 0.015^2 = 1.5.
        s.Skewness.Should().BeApproximately(-1 / Math.Sqrt(2), 1e-12);
        s.Kurtosis.Should().BeApproximately(1.5, 1e-12);
    }

    [Fact]
    public void Drawdown_is_measured_from_the_running_peak_until_recovery()
    {
        EquityStatistics s = Fixture();

        s.MaxDrawdown.Should().Be(5.5m);
        s.MaxDrawdownPercent.Should().BeApproximately(5, 1e-12);
        // Peak at +1 min, back above it at +3 min.
        s.MaxDrawdownDurationNs.Should().Be(2 * Minute);
        s.First.Should().Be(100m);
        s.Last.Should().Be(114.95m);
    }

    [Fact]
    public void A_drawdown_not_recovered_lasts_until_the_last_sample()
    {
        var s = new EquityStatistics();
        s.Add(0, 100m);
        s.Add(Minute, 120m);
        s.Add(2 * Minute, 90m);
        s.Add(3 * Minute, 100m);
        s.Add(10 * Minute, 119.99m);

        s.MaxDrawdown.Should().Be(30m);
        s.MaxDrawdownPercent.Should().BeApproximately(25, 1e-12);
        s.MaxDrawdownDurationNs.Should().Be(9 * Minute);
    }

    [Fact]
    public void Flat_equity_has_no_ratio_and_normal_moments()
    {
        var s = new EquityStatistics();
        s.Add(0, 100m);
        s.Add(Minute, 100m);
        s.Add(2 * Minute, 100m);

        s.SharpePerPeriod.Should().Be(0);
        s.SortinoPerPeriod.Should().Be(0);
        s.Kurtosis.Should().Be(3);
        s.Skewness.Should().Be(0);
        s.MaxDrawdown.Should().Be(0);
        s.MaxDrawdownDurationNs.Should().Be(0);
    }

    [Fact]
    public void Adding_samples_allocates_nothing()
    {
        var s = new EquityStatistics();
        for (int i = 0; i < 1_000; i++)
        {
            s.Add(i * Minute, 100m + (i % 7));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1_000; i < 101_000; i++)
        {
            s.Add(i * Minute, 100m + (i % 7));
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
