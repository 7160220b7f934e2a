using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Execution;

/// <summary>
/// Displayed liquidity our own fills have taken from one replica book. The recorded feed does not know about us, so a
/// level we took from keeps showing its old size; until the feed changes that level (a new state of it), what we took
/// is not there to take again — by a later aggressive order, or by a resting order the level crosses. Allocates only
/// to grow.
/// </summary>
public sealed class ConsumedLiquidity
{
    private Entry[] _entries = new Entry[8];
    private int _count;

    public int Count => _count;

    /// <summary>What of <paramref name="level"/> (on <paramref name="bookSide"/>) is still ours to take.</summary>
    public Fixed8 Available(Side bookSide, in PriceLevel level)
    {
        int i = Find(bookSide, level.Price.Raw);
        if (i < 0)
        {
            return level.Quantity;
        }

        if (_entries[i].Displayed != level.Quantity.Raw)
        {
            // The feed moved this level since we took from it: a new state, offered afresh.
            RemoveAt(i);
            return level.Quantity;
        }

        return Fixed8.FromRaw(Math.Max(0, level.Quantity.Raw - _entries[i].Taken));
    }

    /// <summary>Records that <paramref name="quantity"/> of <paramref name="level"/> is gone.</summary>
    public void Take(Side bookSide, in PriceLevel level, Fixed8 quantity)
    {
        int i = Find(bookSide, level.Price.Raw);
        if (i >= 0 && _entries[i].Displayed == level.Quantity.Raw)
        {
            _entries[i].Taken += quantity.Raw;
            return;
        }

        if (i >= 0)
        {
            RemoveAt(i);
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count++] = new Entry { Side = bookSide, Price = level.Price.Raw, Displayed = level.Quantity.Raw, Taken = quantity.Raw };
    }

    /// <summary>A snapshot replaces the whole book: every level is a new state.</summary>
    public void Clear() => _count = 0;

    private int Find(Side side, long price)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_entries[i].Price == price && _entries[i].Side == side)
            {
                return i;
            }
        }

        return -1;
    }

    private void RemoveAt(int i) => _entries[i] = _entries[--_count];

    private struct Entry
    {
        public Side Side;
        public long Price;
        public long Displayed;
        public long Taken;
    }
}
