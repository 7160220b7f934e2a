namespace FlashTrader.Core.Market;

/// <summary>
/// The arrays of one book side's ladder (quantities, occupancy bits, summary bits), kept for reuse. A released side
/// hands them back with every occupancy bit clear (quantities are read only where a bit is set, so they need no
/// zeroing), and the next side of the same window takes them instead of allocating ≈ 520 KB. A backtest builds fresh
/// books for each run and the optimiser runs many: without this each run allocated and zeroed ≈ 2 MB of ladders, which
/// was nearly all of the engine's bytes per event. Bounded, and safe to share between threads (trials run in parallel).
/// </summary>
internal sealed class LadderStorage
{
    /// <summary>Ladders kept at most (each ≈ 520 KB at the default window): four per parallel trial of two symbols.</summary>
    internal const int MaxKept = 16;

    private static readonly List<LadderStorage> Free = [];
    private static readonly Lock Gate = new();

    private LadderStorage(int window)
    {
        Quantities = new long[window];
        Occupied = new ulong[window >> 6];
        OccupiedWords = new ulong[Math.Max(1, window >> 12)];
    }

    public long[] Quantities { get; }

    public ulong[] Occupied { get; }

    public ulong[] OccupiedWords { get; }

    /// <summary>Arrays for a window of <paramref name="window"/> ticks, every occupancy bit clear.</summary>
    public static LadderStorage Rent(int window)
    {
        lock (Gate)
        {
            for (int i = Free.Count - 1; i >= 0; i--)
            {
                LadderStorage storage = Free[i];
                if (storage.Quantities.Length == window)
                {
                    Free.RemoveAt(i);
                    return storage;
                }
            }
        }

        return new LadderStorage(window);
    }

    /// <summary>Gives the arrays back; the caller has cleared every occupancy bit and keeps no reference to them.</summary>
    public void Return()
    {
        lock (Gate)
        {
            if (Free.Count < MaxKept)
            {
                Free.Add(this);
            }
        }
    }
}
