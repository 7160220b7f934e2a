using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Rest;

public class MexcServerClockTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void The_offset_is_the_server_time_minus_the_midpoint_of_the_round_trip()
    {
        var clock = new MexcServerClock(_clock, TimeSpan.FromMinutes(1));
        long now = _clock.GetUtcNow().ToUnixTimeMilliseconds();

        clock.Update(sentLocalMs: now - 100, receivedLocalMs: now, serverTimeMs: now + 950);

        clock.OffsetMs.Should().Be(1000, "the server said now+950 halfway through a 100 ms round trip");
        clock.ServerNowMs.Should().Be(now + 1000);
        clock.NeedsSync.Should().BeFalse();
    }

    [Fact]
    public void It_needs_a_sync_at_first_after_the_interval_and_after_being_invalidated()
    {
        var clock = new MexcServerClock(_clock, TimeSpan.FromMinutes(1));
        clock.NeedsSync.Should().BeTrue();
        long now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        clock.Update(now, now, now);

        _clock.Advance(TimeSpan.FromSeconds(59));
        clock.NeedsSync.Should().BeFalse();
        _clock.Advance(TimeSpan.FromSeconds(1));
        clock.NeedsSync.Should().BeTrue();

        clock.Update(now, now, now);
        clock.Invalidate();
        clock.NeedsSync.Should().BeTrue();
        clock.Syncs.Should().Be(2);
    }
}
