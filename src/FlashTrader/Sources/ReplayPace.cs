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

    /// <summary>Waits until the event <see cref="IsEarly"/> last looked at is due.</summary>
    public async ValueTask WaitAsync(CancellationToken stop)
    {
        double ahead = _dueSeconds - Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        if (ahead > 0.002)
        {
            await Task.Delay(TimeSpan.FromSeconds(ahead - 0.001), stop).ConfigureAwait(false);
        }

        // The last stretch spins: Task.Delay's ~1 ms granularity would add that much to every event's latency.
        while (Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds < _dueSeconds)
        {
            stop.ThrowIfCancellationRequested();
            Thread.SpinWait(20);
        }
    }
}
