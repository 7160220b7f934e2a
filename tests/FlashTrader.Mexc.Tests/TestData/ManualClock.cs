namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>
/// A <see cref="TimeProvider"/> that moves only when told: timers (Task.Delay, CancellationTokenSource timeouts, Polly's
/// delays and breaker) fire in due order inside <see cref="Advance"/>, so tests assert what happens at each instant
/// without wall-clock waits.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset start) => _now = start;

    public ManualClock()
        : this(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>When each armed timer is due, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> DueTimes()
    {
        lock (_gate)
        {
            return [.. _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value).Order()];
        }
    }

    /// <summary>Moves time forward, firing every timer that falls due on the way, at its due time.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (next.DueAt > _now)
                {
                    _now = next.DueAt!.Value;
                }

                next.DueAt = next.Period > TimeSpan.Zero ? next.DueAt + next.Period : null;
            }

            next.Fire();
        }
    }

    /// <summary>Waits (really, up to 10 s) until a timer is armed for <paramref name="dueAt"/>: a request is parked on the clock.</summary>
    public async Task WaitForTimerAsync(DateTimeOffset dueAt)
    {
        await Eventually.Async(() => DueTimes().Contains(dueAt), $"a timer due at {dueAt:O}; armed: {string.Join(", ", DueTimes())}");
    }

    /// <summary>Waits until at least <paramref name="count"/> timers are armed.</summary>
    public async Task WaitForTimersAsync(int count)
    {
        await Eventually.Async(() => DueTimes().Count >= count, $"{count} armed timers; armed: {string.Join(", ", DueTimes())}");
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }

                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
