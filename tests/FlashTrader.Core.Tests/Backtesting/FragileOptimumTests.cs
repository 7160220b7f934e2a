using FlashTrader.Core.Backtesting;

namespace FlashTrader.Core.Tests.Backtesting;

public sealed class FragileOptimumTests
{
    [Fact]
    public void A_spike_among_poor_neighbours_is_fragile() =>
        FragileOptimum.IsFragile(10, [2, 3, 4]).Should().BeTrue();

    [Fact]
    public void A_plateau_is_not_fragile() =>
        FragileOptimum.IsFragile(10, [8, 9, 7]).Should().BeFalse();

    [Fact]
    public void The_threshold_is_half_the_objective_by_default()
    {
        // Neighbours' mean 5 is exactly half of 10: not worse by more than half.
        FragileOptimum.IsFragile(10, [4, 6]).Should().BeFalse();
        FragileOptimum.IsFragile(10, [4, 5.9]).Should().BeTrue();
        // A negative optimum: -1 with neighbours at -2 (worse by 100%).
        FragileOptimum.IsFragile(-1, [-2]).Should().BeTrue();
    }

    [Fact]
    public void Without_neighbours_nothing_can_be_said() =>
        FragileOptimum.IsFragile(10, []).Should().BeFalse();

    [Fact]
    public void Grid_neighbours_differ_by_one_step_on_one_axis()
    {
        FragileOptimum.AreGridNeighbours([1, 1], [1, 2]).Should().BeTrue();
        FragileOptimum.AreGridNeighbours([1, 1], [0, 1]).Should().BeTrue();
        FragileOptimum.AreGridNeighbours([1, 1], [2, 2]).Should().BeFalse();
        FragileOptimum.AreGridNeighbours([1, 1], [1, 3]).Should().BeFalse();
        FragileOptimum.AreGridNeighbours([1, 1], [1, 1]).Should().BeFalse();
    }

    [Fact]
    public void Scaled_distance_weighs_each_axis_by_its_range() =>
        FragileOptimum.ScaledDistanceSquared([0.1, 10], [0.2, 30], [0, 0], [1, 100]).Should().BeApproximately(0.01 + 0.04, 1e-15);
}
