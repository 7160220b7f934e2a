using FlashTrader.Core.Market;

namespace FlashTrader.Storage.Import;

/// <summary>
/// Gathers consecutive CSV rows of one book update (a snapshot or a diff) into depth levels. A group is complete only
/// when a row of the next group arrives, so two level buffers alternate: the finished group's stays valid while the
/// next group fills the other.
/// </summary>
internal sealed class DepthGroup
{
    private readonly DepthLevels[] _buffers = [new DepthLevels(256), new DepthLevels(256)];
    private int _current;

    public bool IsOpen { get; private set; }

    public bool IsSnapshot { get; private set; }

    public long ExchangeNs { get; private set; }

    public long LocalNs { get; private set; }

    public long FirstUpdateId { get; private set; }

    public long LastUpdateId { get; private set; }

    public DepthLevels Levels => _buffers[_current];

    public bool Matches(bool snapshot, long exchangeNs, long localNs, long first, long last) =>
        IsOpen && snapshot == IsSnapshot && exchangeNs == ExchangeNs && localNs == LocalNs && first == FirstUpdateId && last == LastUpdateId;

    /// <summary>Starts a group in the buffer the previous group did not use.</summary>
    public void Start(bool snapshot, long exchangeNs, long localNs, long first, long last)
    {
        _current ^= 1;
        Levels.Clear();
        IsOpen = true;
        IsSnapshot = snapshot;
        ExchangeNs = exchangeNs;
        LocalNs = localNs;
        FirstUpdateId = first;
        LastUpdateId = last;
    }

    /// <summary>The open group as an event (its levels stay valid until the group after next starts).</summary>
    public MarketEvent Close(long firstUpdateId, long lastUpdateId)
    {
        IsOpen = false;
        return IsSnapshot
            ? MarketEvent.DepthSnapshot(0, ExchangeNs, LocalNs, lastUpdateId, Levels)
            : MarketEvent.DepthDiff(0, ExchangeNs, LocalNs, firstUpdateId, lastUpdateId, Levels);
    }
}
