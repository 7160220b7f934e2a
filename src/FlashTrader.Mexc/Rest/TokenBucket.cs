namespace FlashTrader.Mexc.Rest;

/// <summary>
/// A token bucket of <c>perSecond</c> tokens a second holding at most <c>burst</c>, kept as the time the next token
/// becomes free (GCRA). <see cref="Reserve"/> takes the next token and says how long its caller must wait for it, so
/// concurrent callers are served in the order they reserved, and a wait never has to be retried. Not thread-safe.
/// </summary>
public sealed class TokenBucket
{
    private readonly long _intervalTicks;
    private readonly long _toleranceTicks;
    private long _nextFreeTicks = long.MinValue;

    public TokenBucket(int perSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _intervalTicks = TimeSpan.TicksPerSecond / perSecond;
        _toleranceTicks = (burst - 1) * _intervalTicks;
    }

    /// <summary>Takes a token at <paramref name="nowTicks"/> (UTC ticks); returns the wait until it may be used (zero: now).</summary>
    public TimeSpan Reserve(long nowTicks)
    {
        long next = Math.Max(_nextFreeTicks, nowTicks);
        long start = next - _toleranceTicks;
        _nextFreeTicks = next + _intervalTicks;
        return start <= nowTicks ? TimeSpan.Zero : TimeSpan.FromTicks(start - nowTicks);
    }
}
