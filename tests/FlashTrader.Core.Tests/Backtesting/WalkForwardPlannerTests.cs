using FlashTrader.Core.Backtesting;

namespace FlashTrader.Core.Tests.Backtesting;

public sealed class WalkForwardPlannerTests
{
    [Fact]
    public void Three_folds_roll_a_two_slice_in_sample_window_over_five_slices()
    {
        WalkForwardPlanner.Plan(0, 1_000, 3).Should().Equal(
            new WalkForwardFold(0, 0, 400, 400, 600),
            new WalkForwardFold(1, 200, 600, 600, 800),
            new WalkForwardFold(2, 400, 800, 800, 1_000));
    }

    [Fact]
    public void The_last_out_of_sample_window_absorbs_the_remainder()
    {
        IReadOnlyList<WalkForwardFold> plan = WalkForwardPlanner.Plan(10, 1_013, 3);

        plan[2].Should().Be(new WalkForwardFold(2, 410, 810, 810, 1_013));
    }

    [Theory]
    [InlineData(1_723_161_253_000_000_000L, 1_723_161_904_000_000_000L, 1, 1)]
    [InlineData(1_723_161_253_000_000_000L, 1_723_161_904_000_000_000L, 4, 2)]
    [InlineData(0L, 1_000_003L, 7, 3)]
    [InlineData(-500L, 9_999L, 5, 1)]
    public void No_out_of_sample_instant_is_in_sample_and_out_of_sample_windows_tile_the_tail(long start, long end, int folds, int inSampleSlices)
    {
        IReadOnlyList<WalkForwardFold> plan = WalkForwardPlanner.Plan(start, end, folds, inSampleSlices);

        plan.Should().HaveCount(folds);
        plan[0].InSampleStartNs.Should().Be(start);
        plan[^1].OutOfSampleEndNs.Should().Be(end);
        for (int k = 0; k < folds; k++)
        {
            WalkForwardFold f = plan[k];
            f.Index.Should().Be(k);
            f.InSampleStartNs.Should().BeLessThan(f.InSampleEndNs);
            // Half-open windows: the in-sample window stops where the out-of-sample one starts.
            f.InSampleEndNs.Should().BeLessThanOrEqualTo(f.OutOfSampleStartNs);
            f.OutOfSampleStartNs.Should().BeLessThan(f.OutOfSampleEndNs);
            f.InSampleDurationNs.Should().Be(plan[0].InSampleDurationNs);
            if (k > 0)
            {
                f.OutOfSampleStartNs.Should().Be(plan[k - 1].OutOfSampleEndNs);
                f.InSampleStartNs.Should().BeGreaterThan(plan[k - 1].InSampleStartNs);
            }
        }
    }

    [Fact]
    public void Bad_plans_are_refused_with_the_reason()
    {
        FluentActions.Invoking(() => WalkForwardPlanner.Plan(0, 100, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least one*");
        FluentActions.Invoking(() => WalkForwardPlanner.Plan(100, 100, 2)).Should().Throw<ArgumentException>().WithMessage("*empty*");
        FluentActions.Invoking(() => WalkForwardPlanner.Plan(0, 3, 2)).Should().Throw<ArgumentException>().WithMessage("*too short*");
    }
}
