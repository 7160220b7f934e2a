namespace FlashTrader.Core.Configuration;

/// <summary>Mexc:Book — how the local order book is synchronized from REST snapshots and aggre.depth diffs.</summary>
public sealed class MexcBookOptions
{
    /// <summary>MEXC's maximum depth limit: a deep snapshot keeps the (never-refreshed) far book as good as it gets.</summary>
    public const int MexcSnapshotLimit = 5000;

    /// <summary>Levels a side requested from GET /api/v3/depth.</summary>
    public int SnapshotLimit { get; set; } = MexcSnapshotLimit;

    /// <summary>Wait before a snapshot retry; doubles per consecutive failed attempt up to the maximum, jittered.</summary>
    public int ResyncInitialDelayMs { get; set; } = 250;

    public int ResyncMaxDelayMs { get; set; } = 10_000;

    /// <summary>Consecutive snapshot attempts that fail to sync the book before the sync gives up (no endless loop).</summary>
    public int MaxResyncAttempts { get; set; } = 10;
}
