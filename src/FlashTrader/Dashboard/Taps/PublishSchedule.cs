using System.Diagnostics;

namespace FlashTrader.Dashboard.Taps;

/// <summary>
/// Bounds how often a stage publishes: one Stopwatch read and compare per batch, so the hot path pays nothing more
/// than that whatever the event rate.
/// </summary>
internal struct PublishSchedule(TimeSpan interval)
{
    private readonly long _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
    private long _next;

    public bool IsDue()
    {
        long now = Stopwatch.GetTimestamp();
        if (now < _next)
        {
            return false;
        }

        _next = now + _intervalTicks;
        return true;
    }
}
