namespace FlashTrader.Reporting;

/// <summary>
/// How the live MEXC connection fared (absent from a replay's summary): the recovery counts a faulty network shows
/// up in, summed over the WebSocket client, the enabled pairs' book synchronisers and the feed decoder.
/// </summary>
public sealed record LiveFeedSummary
{
    /// <summary>WebSocket connections opened, the first included.</summary>
    public long Connects { get; init; }

    /// <summary>Connections re-opened after a drop, a stale stream or the exchange closing them.</summary>
    public long Reconnects { get; init; }

    /// <summary>Connections replaced ahead of MEXC's 24-hour limit.</summary>
    public long Rotations { get; init; }

    public long StaleDisconnects { get; init; }

    public long Frames { get; init; }

    /// <summary>Binary frames that were not valid pushes (skipped; a lost diff then shows as a gap).</summary>
    public long MalformedFrames { get; init; }

    /// <summary>Version gaps the book synchronisers saw in the diff stream.</summary>
    public long Gaps { get; init; }

    /// <summary>Books re-synchronised from a fresh snapshot after the first sync.</summary>
    public long Resyncs { get; init; }

    public long SnapshotRequests { get; init; }

    /// <summary>Snapshot requests that failed (429, 418, 5xx, timeouts) and were retried later.</summary>
    public long FailedSnapshotFetches { get; init; }

    /// <summary>REST requests retried after a 429 (waiting out Retry-After), a 5xx or a timeout.</summary>
    public long RestRetries { get; init; }

    /// <summary>REST requests not sent because an HTTP 418 ban was in force.</summary>
    public long RestRefusedWhileBanned { get; init; }

    /// <summary>Pairs whose book was in sync when the run ended.</summary>
    public int BooksSyncedAtEnd { get; init; }
}
