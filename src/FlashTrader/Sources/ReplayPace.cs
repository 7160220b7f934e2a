using System.Diagnostics;
using FlashTrader.Pipeline;

namespace FlashTrader.Sources;

/// <summary>
/// Paces a replay by exchange time at a speed (1 = real time); without a speed every event is due at once. The first
/// event fixes the origin. Checking is synchronous and allocation-free; only an early event waits, on the calling thread
/// (the source's own): <see cref="SleepUntilSpinWindow"/>, then <see cref="SpinUntilDue"/>.
/// </summary>
internal sealed class ReplayPace(double? speed)
{
    private long _firstExchangeNs = long.MinValue;
    private long _startTimestamp;
    private double _dueSeconds;

    public bool IsPaced => speed is not null;

    /// <summary>True when the event stamped <paramref name="exchangeTimeNs"/> is not due yet: call <see cref="WaitAsync"/>.</summary>
    public bool IsEarly(long exchangeTimeNs)
    {
        if (speed is not double factor)
        {
            return false;
        }

        if (_firstExchangeNs == long.MinValue)
        {
            _firstExchangeNs = exchangeTimeNs;
            _startTimestamp = Stopwatch.GetTimestamp();
        }

        _dueSeconds = (exchangeTimeNs - _firstExchangeNs) / 1e9 / factor;
        return _dueSeconds > Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
    }

    /// <summary>
    /// Sleeps until <see cref="SpinWindowSeconds"/> before the due time (an early event then costs ~0.1 ms of CPU
    /// instead of the 1–2 ms a Task.Delay (millisecond timer) plus a spin cost), in slices of at most 50 ms so a stop is
    /// noticed. Where the OS cannot sleep that short, it returns early and the spin covers the rest.
    /// </summary>
    public void SleepUntilSpinWindow(CancellationToken stop) => SleepUntilSpinWindow(null, stop);

    /// <summary>
    /// <see cref="SleepUntilSpinWindow(CancellationToken)"/> with warm passes when <paramref name="warm"/> is enabled: the
    /// sleep is cut into slices of the pass interval, and after each slice a pass runs through the chain when at least
    /// <see cref="WarmPassHeadroomSeconds"/> remain before the event is due (so a pass never runs into it). Nothing of the
    /// event is handled early.
    /// </summary>
    public void SleepUntilSpinWindow(WarmPass? warm, CancellationToken stop)
    {
        WarmPass? passes = warm is { IsEnabled: true } ? warm : null;
        double slice = passes?.IntervalSeconds ?? 0.05;
        while (true)
        {
            double ahead = SecondsUntilDue;
            if (ahead <= SpinWindowSeconds)
            {
                return;
            }

            stop.ThrowIfCancellationRequested();
            if (!PreciseSleep.Sleep(Math.Min(ahead - SpinWindowSeconds, slice)))
            {
                return;
            }

            if (passes is not null && SecondsUntilDue > WarmPassHeadroomSeconds)
            {
                passes.Run(DueTimestamp);
            }
        }
    }

    private double SecondsUntilDue => _dueSeconds - Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;

    private long DueTimestamp => _startTimestamp + (long)(_dueSeconds * Stopwatch.Frequency);

    /// <summary>Spins until the event is due: the last stretch, which a sleep would overshoot.</summary>
    public void SpinUntilDue()
    {
        while (Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds < _dueSeconds)
        {
            Thread.SpinWait(20);
        }
    }

    /// <summary>How long before an event's due time the wait stops sleeping and spins (a wake-up is ~60 µs late).</summary>
    public const double SpinWindowSeconds = 100e-6;

    /// <summary>
    /// The least time before an event is due at which a warm pass may start: a pass takes 6–20 µs on the 2-vCPU test
    /// machine under load (the chain's lines are partly evicted even between passes), so it ends before the event.
    /// </summary>
    public const double WarmPassHeadroomSeconds = 50e-6;
}
