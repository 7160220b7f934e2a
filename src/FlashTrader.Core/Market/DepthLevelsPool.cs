using System.Numerics;

namespace FlashTrader.Core.Market;

/// <summary>
/// A small thread-safe pool of <see cref="DepthLevels"/> buffers handed from a market-data producer to the
/// consumer that applies them. Buffers are kept by size class (powers of two from the initial capacity up): a
/// producer that knows how many levels it will write rents from the class that holds them, so a buffer never grows
/// after it is made and renting allocates only when more buffers of one class are in flight at once than ever before.
/// (A single stack would hand a small buffer to a large update, which then grows it: buffers deep in the stack, used
/// only when many events are in flight, kept growing long after warm-up.)
/// </summary>
public sealed class DepthLevelsPool
{
    private readonly Stack<DepthLevels>?[] _free = new Stack<DepthLevels>?[32];
    private readonly Lock _gate = new();
    private readonly int _initialCapacity;

    public DepthLevelsPool(int initialCapacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _initialCapacity = initialCapacity;
    }

    /// <summary>Buffers created so far: stays flat in the steady state.</summary>
    public int Created { get; private set; }

    /// <summary>
    /// A cleared buffer for a producer that does not know the size ahead (it grows as filled): the smallest free one,
    /// whatever its class, so buffers that grew to fit such a producer's updates are reused by it.
    /// </summary>
    public DepthLevels Rent()
    {
        lock (_gate)
        {
            foreach (Stack<DepthLevels>? free in _free)
            {
                if (free is not null && free.TryPop(out DepthLevels? levels))
                {
                    levels.Clear();
                    return levels;
                }
            }

            Created++;
        }

        return new DepthLevels(_initialCapacity) { Owner = this };
    }

    /// <summary>A cleared buffer that holds <paramref name="bids"/> bids and <paramref name="asks"/> asks without growing.</summary>
    public DepthLevels Rent(int bids, int asks)
    {
        int sizeClass = ClassHolding(Math.Max(bids, asks));
        lock (_gate)
        {
            if (_free[sizeClass] is { } free && free.TryPop(out DepthLevels? levels))
            {
                levels.Clear();
                return levels;
            }

            Created++;
        }

        return new DepthLevels(_initialCapacity << sizeClass) { Owner = this };
    }

    internal void Return(DepthLevels levels)
    {
        int sizeClass = ClassOf(levels.Capacity);
        lock (_gate)
        {
            (_free[sizeClass] ??= new Stack<DepthLevels>()).Push(levels);
        }
    }

    /// <summary>The smallest class whose buffers hold <paramref name="levels"/> levels a side.</summary>
    private int ClassHolding(int levels)
    {
        if (levels <= _initialCapacity)
        {
            return 0;
        }

        int sizeClass = 32 - BitOperations.LeadingZeroCount((uint)((levels - 1) / _initialCapacity));
        if (sizeClass >= _free.Length || (_initialCapacity << sizeClass) < levels)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "more depth levels than a pooled buffer can hold");
        }

        return sizeClass;
    }

    /// <summary>The largest class a buffer of <paramref name="capacity"/> levels a side satisfies.</summary>
    private int ClassOf(int capacity) =>
        capacity < _initialCapacity ? 0 : Math.Min(_free.Length - 1, 31 - BitOperations.LeadingZeroCount((uint)(capacity / _initialCapacity)));
}
