namespace FlashTrader.Core.Market;

/// <summary>
/// A small thread-safe pool of <see cref="DepthLevels"/> buffers handed from a market-data producer to the
/// consumer that applies them. After warm-up (as many buffers as are in flight at once) renting allocates nothing.
/// </summary>
public sealed class DepthLevelsPool
{
    private readonly Stack<DepthLevels> _free = new();
    private readonly Lock _gate = new();
    private readonly int _initialCapacity;

    public DepthLevelsPool(int initialCapacity = 64) => _initialCapacity = initialCapacity;

    /// <summary>Buffers created so far: stays flat in the steady state.</summary>
    public int Created { get; private set; }

    public DepthLevels Rent()
    {
        lock (_gate)
        {
            if (_free.TryPop(out DepthLevels? levels))
            {
                levels.Clear();
                return levels;
            }

            Created++;
        }

        return new DepthLevels(_initialCapacity) { Owner = this };
    }

    internal void Return(DepthLevels levels)
    {
        lock (_gate)
        {
            _free.Push(levels);
        }
    }
}
