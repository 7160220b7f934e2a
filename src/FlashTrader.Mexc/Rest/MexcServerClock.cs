namespace FlashTrader.Mexc.Rest;

/// <summary>
/// The offset between MEXC's clock and ours, measured from GET /api/v3/time as the server time minus the midpoint of
/// our send and receive times, so signed requests carry a <c>timestamp</c> inside the server's recvWindow however far
/// the local clock drifts. Re-measured when older than the sync interval or after error 700003. Thread-safe.
/// </summary>
public sealed class MexcServerClock
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _syncInterval;
    private long _offsetMs;
    private long _syncedAtTicks = long.MinValue;
    private int _syncs;

    public MexcServerClock(TimeProvider time, TimeSpan syncInterval)
    {
        _time = time;
        _syncInterval = syncInterval;
    }

    /// <summary>Server time minus local time, in milliseconds (positive: the server is ahead).</summary>
    public long OffsetMs => Interlocked.Read(ref _offsetMs);

    /// <summary>How many times the offset has been measured.</summary>
    public int Syncs => Volatile.Read(ref _syncs);

    /// <summary>True when the offset was never measured, is older than the sync interval, or was invalidated.</summary>
    public bool NeedsSync
    {
        get
        {
            long synced = Interlocked.Read(ref _syncedAtTicks);
            return synced == long.MinValue || _time.GetUtcNow().UtcTicks - synced >= _syncInterval.Ticks;
        }
    }

    /// <summary>Local Unix milliseconds now.</summary>
    public long LocalNowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The server's Unix milliseconds now, by the last measured offset: the <c>timestamp</c> to sign.</summary>
    public long ServerNowMs => LocalNowMs + OffsetMs;

    /// <summary>Records a measurement: the server said <paramref name="serverTimeMs"/> between our send and receive.</summary>
    public void Update(long sentLocalMs, long receivedLocalMs, long serverTimeMs)
    {
        long midpoint = sentLocalMs + (receivedLocalMs - sentLocalMs) / 2;
        Interlocked.Exchange(ref _offsetMs, serverTimeMs - midpoint);
        Interlocked.Exchange(ref _syncedAtTicks, _time.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _syncs);
    }

    /// <summary>Forces a re-measurement before the next signed request (after 700003).</summary>
    public void Invalidate() => Interlocked.Exchange(ref _syncedAtTicks, long.MinValue);
}
