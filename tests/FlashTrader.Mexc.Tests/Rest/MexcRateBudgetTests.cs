using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Rest;

public class MexcRateBudgetTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void Orders_draw_on_both_buckets_other_requests_only_on_the_request_bucket()
    {
        var budget = new MexcRateBudget(_clock, requestsPerSecond: 20, ordersPerSecond: 2);

        TimeSpan?[] orders = [.. Enumerable.Range(0, 3).Select(i => budget.Reserve(isOrder: true, out _))];
        TimeSpan? request = budget.Reserve(isOrder: false, out _);

        orders.Should().Equal(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        request.Should().Be(TimeSpan.Zero);
        budget.Delayed.Should().Be(1);
    }

    [Fact]
    public void A_429_pause_holds_every_request_until_Retry_After()
    {
        var budget = new MexcRateBudget(_clock, 20, 12);

        DateTimeOffset until = budget.PauseFor(TimeSpan.FromSeconds(2));
        TimeSpan? first = budget.Reserve(false, out _);
        _clock.Advance(TimeSpan.FromMilliseconds(1500));
        TimeSpan? later = budget.Reserve(false, out _);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        TimeSpan? after = budget.Reserve(false, out _);

        until.Should().Be(_clock.GetUtcNow());
        first.Should().Be(TimeSpan.FromSeconds(2));
        later.Should().Be(TimeSpan.FromMilliseconds(500));
        after.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void A_shorter_second_pause_does_not_cut_the_first_short()
    {
        var budget = new MexcRateBudget(_clock, 20, 12);

        budget.PauseFor(TimeSpan.FromSeconds(5));
        budget.PauseFor(TimeSpan.FromSeconds(1));

        budget.Reserve(false, out _).Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void During_a_418_ban_nothing_is_reserved_and_the_end_of_the_ban_is_reported()
    {
        var budget = new MexcRateBudget(_clock, 20, 12);
        DateTimeOffset end = budget.BanFor(TimeSpan.FromMinutes(2));

        TimeSpan? refused = budget.Reserve(false, out DateTimeOffset bannedUntil);
        _clock.Advance(TimeSpan.FromMinutes(2));
        TimeSpan? allowed = budget.Reserve(false, out _);

        refused.Should().BeNull();
        bannedUntil.Should().Be(end);
        end.Should().Be(_clock.GetUtcNow());
        allowed.Should().Be(TimeSpan.Zero);
        budget.RefusedWhileBanned.Should().Be(1);
        budget.BannedUntil.Should().BeNull();
    }
}
