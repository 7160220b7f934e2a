using System.Diagnostics;
using FlashTrader.Sources;

namespace FlashTrader.EndToEnd.Tests.Sources;

/// <summary>
/// The replay's pacing: events fall due by exchange time divided by the speed, counted from the first event, and a
/// wait never hands an event over before it is due. Only lower bounds on elapsed time are asserted (a wait may be
/// late on a loaded machine; it must never be early).
/// </summary>
public sealed class ReplayPaceTests
{
    private const long Millisecond = 1_000_000;

    [Fact]
    public void Without_a_speed_every_event_is_due_at_once()
    {
        var pace = new ReplayPace(null);

        pace.IsPaced.Should().BeFalse();
        pace.IsEarly(0).Should().BeFalse();
        pace.IsEarly(3_600_000 * Millisecond).Should().BeFalse();
    }

    [Fact]
    public void The_first_event_fixes_the_origin_and_is_due_at_once()
    {
        var pace = new ReplayPace(1);

        pace.IsPaced.Should().BeTrue();
        pace.IsEarly(1_723_075_200_000 * Millisecond).Should().BeFalse();
        pace.IsEarly(1_723_075_200_000 * Millisecond).Should().BeFalse("an event stamped like the first is due with it");
    }

    [Fact]
    public void Sleeping_then_spinning_hands_the_event_over_no_earlier_than_it_is_due()
    {
        var pace = new ReplayPace(1);
        pace.IsEarly(0).Should().BeFalse();
        long origin = Stopwatch.GetTimestamp();

        pace.IsEarly(5 * Millisecond).Should().BeTrue();
        pace.SleepUntilSpinWindow(CancellationToken.None);
        pace.SpinUntilDue();

        Stopwatch.GetElapsedTime(origin).TotalMilliseconds.Should().BeGreaterThanOrEqualTo(5);
        pace.IsEarly(5 * Millisecond).Should().BeFalse();
    }

    [Fact]
    public void A_speed_divides_the_exchange_time_between_events()
    {
        var pace = new ReplayPace(10);
        pace.IsEarly(0).Should().BeFalse();
        long origin = Stopwatch.GetTimestamp();

        // 40 ms of exchange time at 10× is due 4 ms after the first event.
        pace.IsEarly(40 * Millisecond).Should().BeTrue();
        pace.SleepUntilSpinWindow(CancellationToken.None);
        pace.SpinUntilDue();

        Stopwatch.GetElapsedTime(origin).TotalMilliseconds.Should().BeGreaterThanOrEqualTo(4);
        pace.IsEarly(40 * Millisecond).Should().BeFalse();
    }

    [Fact]
    public void A_stop_ends_a_long_sleep()
    {
        var pace = new ReplayPace(1);
        pace.IsEarly(0).Should().BeFalse();
        pace.IsEarly(3_600_000 * Millisecond).Should().BeTrue();
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        Action sleep = () => pace.SleepUntilSpinWindow(stop.Token);

        sleep.Should().Throw<OperationCanceledException>();
    }
}
