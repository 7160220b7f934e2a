namespace FlashTrader.Core.Market;

public enum BookSyncState : byte
{
    /// <summary>No snapshot yet: diffs are buffered until one arrives.</summary>
    AwaitingSnapshot = 0,

    /// <summary>Snapshot applied and every diff since continues the version chain.</summary>
    Synced = 1,

    /// <summary>A diff skipped versions: the book is wrong until a new snapshot resynchronizes it.</summary>
    Gap = 2,
}

/// <summary>What applying one depth diff did.</summary>
public enum DepthDiffOutcome : byte
{
    Applied,

    /// <summary>Entirely older than the book (already contained in the snapshot): ignored.</summary>
    Stale,

    /// <summary>Buffered while waiting for a snapshot.</summary>
    Buffered,

    /// <summary>Versions are missing between the book and this diff: the book is now unsynchronized.</summary>
    Gap,

    /// <summary>Ignored because the book is in a gap and waits for a snapshot.</summary>
    IgnoredWhileGapped,
}
