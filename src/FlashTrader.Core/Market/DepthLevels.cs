namespace FlashTrader.Core.Market;

/// <summary>
/// The bid and ask levels of a depth snapshot or diff. A reusable buffer: producers fill it,
/// consumers read it while handling the event, and pooled instances go back to their pool afterwards,
/// so the steady state allocates nothing however many levels an update has.
/// </summary>
public sealed class DepthLevels
{
    private PriceLevel[] _bids;
    private PriceLevel[] _asks;

    public DepthLevels(int capacity = 64)
    {
        _bids = new PriceLevel[capacity];
        _asks = new PriceLevel[capacity];
    }

    /// <summary>A buffer sized to hold exactly <paramref name="bidCapacity"/> bids and <paramref name="askCapacity"/> asks.</summary>
    public DepthLevels(int bidCapacity, int askCapacity)
    {
        _bids = new PriceLevel[bidCapacity];
        _asks = new PriceLevel[askCapacity];
    }

    public int BidCount { get; private set; }

    public int AskCount { get; private set; }

    public ReadOnlySpan<PriceLevel> Bids => _bids.AsSpan(0, BidCount);

    public ReadOnlySpan<PriceLevel> Asks => _asks.AsSpan(0, AskCount);

    /// <summary>Levels a side it holds without growing.</summary>
    internal int Capacity => Math.Min(_bids.Length, _asks.Length);

    /// <summary>The pool this instance returns to, if any.</summary>
    internal DepthLevelsPool? Owner { get; set; }

    public void Clear()
    {
        BidCount = 0;
        AskCount = 0;
    }

    public void AddBid(PriceLevel level)
    {
        if (BidCount == _bids.Length)
        {
            Array.Resize(ref _bids, Math.Max(4, _bids.Length * 2));
        }

        _bids[BidCount++] = level;
    }

    public void AddAsk(PriceLevel level)
    {
        if (AskCount == _asks.Length)
        {
            Array.Resize(ref _asks, Math.Max(4, _asks.Length * 2));
        }

        _asks[AskCount++] = level;
    }

    public void Add(Side side, PriceLevel level)
    {
        if (side == Side.Buy)
        {
            AddBid(level);
        }
        else
        {
            AddAsk(level);
        }
    }

    public void CopyFrom(DepthLevels source)
    {
        Clear();
        EnsureCapacity(source.BidCount, source.AskCount);
        source.Bids.CopyTo(_bids);
        source.Asks.CopyTo(_asks);
        BidCount = source.BidCount;
        AskCount = source.AskCount;
    }

    public void EnsureCapacity(int bids, int asks)
    {
        if (_bids.Length < bids)
        {
            Array.Resize(ref _bids, Math.Max(bids, _bids.Length * 2));
        }

        if (_asks.Length < asks)
        {
            Array.Resize(ref _asks, Math.Max(asks, _asks.Length * 2));
        }
    }

    /// <summary>Returns a pooled instance to its pool; a no-op for unpooled ones.</summary>
    public void Release() => Owner?.Return(this);
}
