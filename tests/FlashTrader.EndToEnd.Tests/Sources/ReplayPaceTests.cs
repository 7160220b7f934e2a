using System.Diagnostics;
using FlashTrader.Core.Pipeline;
using FlashTrader.Pipeline;
using FlashTrader.Sources;

namespace FlashTrader.EndToEnd.Tests.Sources;

/// <summary>
/// The replay's pacing: events fall due by exchange time divided by the speed, counted from the first event, and a
/// wait never hands an event over before it is due. Only lower bounds on elapsed time are asserted (a wait may be
/// late on a loaded machine; it must never be early). Warm passes while waiting carry nothing into the chain.
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
        // No assertion between fixing the origin and the wait: the first one in a process takes milliseconds to set up.
        bool first = pace.IsEarly(0);
        long origin = Stopwatch.GetTimestamp();
        bool early = pace.IsEarly(5 * Millisecond);
        pace.SleepUntilSpinWindow(CancellationToken.None);
        pace.SpinUntilDue();

        first.Should().BeFalse();
        early.Should().BeTrue();
        Stopwatch.GetElapsedTime(origin).TotalMilliseconds.Should().BeGreaterThanOrEqualTo(5);
        pace.IsEarly(5 * Millisecond).Should().BeFalse();
    }

    [Fact]
    public void Waiting_with_warm_passes_sends_empty_batches_down_the_chain_and_hands_the_event_over_no_earlier_than_it_is_due()
    {
        var inbound = new BatchChannel<InboundEvent>(16, 8, bounded: false);
        var warm = new WarmPass(inbound, 100);
        var pace = new ReplayPace(1);
        // No assertion between fixing the origin and the wait: the first one in a process takes milliseconds to set up.
        bool first = pace.IsEarly(0);
        long origin = Stopwatch.GetTimestamp();
        bool early = pace.IsEarly(20 * Millisecond);
        pace.SleepUntilSpinWindow(warm, CancellationToken.None);
        pace.SpinUntilDue();

        first.Should().BeFalse();
        early.Should().BeTrue();
        Stopwatch.GetElapsedTime(origin).TotalMilliseconds.Should().BeGreaterThanOrEqualTo(20);
        // Slices of at most 100 µs over 19.9 ms: at least one pass, at most one per slice.
        warm.Passes.Should().BeInRange(1, 199);
        int batches = 0;
        while (inbound.Reader.TryRead(out Batch<InboundEvent>? batch))
        {
            batch.Count.Should().Be(0, "a warm pass carries no event");
            batches++;
        }

        batches.Should().Be((int)warm.Passes);
    }

    [Fact]
    public void A_warm_interval_of_zero_runs_no_pass()
    {
        var inbound = new BatchChannel<InboundEvent>(16, 8, bounded: false);
        var warm = new WarmPass(inbound, 0);
        var pace = new ReplayPace(1);
        _ = pace.IsEarly(0);
        _ = pace.IsEarly(2 * Millisecond);
        pace.SleepUntilSpinWindow(warm, CancellationToken.None);
        pace.SpinUntilDue();

        warm.IsEnabled.Should().BeFalse();
        warm.Passes.Should().Be(0);
        inbound.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public void A_speed_divides_the_exchange_time_between_events()
    {
        var pace = new ReplayPace(10);
        bool first = pace.IsEarly(0);
        long origin = Stopwatch.GetTimestamp();
        // 40 ms of exchange time at 10× is due 4 ms after the first event.
        bool early = pace.IsEarly(40 * Millisecond);
        pace.SleepUntilSpinWindow(CancellationToken.None);
        pace.SpinUntilDue();

        first.Should().BeFalse();
        early.Should().BeTrue();
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
