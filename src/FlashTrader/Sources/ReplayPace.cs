using System.Diagnostics;

namespace FlashTrader.Sources;

/// <summary>
/// Paces a replay by exchange time at a speed (1 = real time); without a speed every event is due at once. The first
/// event fixes the origin. Checking is synchronous and allocation-free; only an early event waits.
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
    /// Waits until the event <see cref="IsEarly"/> last looked at is due, on the calling thread (the source's own): it
    /// sleeps until <see cref="SpinWindowSeconds"/> before the due time and spins only that last stretch, so an early
    /// event costs ~0.1 ms of CPU instead of the 1–2 ms a Task.Delay (millisecond timer) plus a spin cost. Sleeps are cut
    /// into slices of at most 50 ms so a stop is noticed.
    /// </summary>
    public void Wait(CancellationToken stop)
    {
        while (true)
        {
            double ahead = _dueSeconds - Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
            if (ahead <= 0)
            {
                return;
            }

            stop.ThrowIfCancellationRequested();
            if (ahead <= SpinWindowSeconds || !PreciseSleep.Sleep(Math.Min(ahead - SpinWindowSeconds, 0.05)))
            {
                Thread.SpinWait(20);
            }
        }
    }

    /// <summary>How long before an event's due time the wait stops sleeping and spins (a wake-up is ~60 µs late).</summary>
    public const double SpinWindowSeconds = 100e-6;
}
