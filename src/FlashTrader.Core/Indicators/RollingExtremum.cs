using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Highest (or lowest) value of the last <c>period</c> inputs in amortized O(1): a monotonic deque of
/// candidates kept in a fixed ring, so updates never allocate. A lowest is kept as the highest of the negated
/// values (negation is exact), so both share one comparison; the ring's size is a power of two, so positions
/// wrap with a mask instead of a compare.
/// </summary>
internal sealed class RollingExtremum
{
    private readonly long _period;
    private readonly double _sign; // +1 for the highest, -1 for the lowest
    private readonly int _mask;
    private readonly Candidate[] _ring;
    private int _head; // ring position of the front (the current extremum)
    private int _tail; // ring position one past the back
    private long _next;

    public RollingExtremum(int period, bool max)
    {
        _period = period;
        _sign = max ? 1.0 : -1.0;
        // At most period candidates are held; one spare slot keeps a full ring distinct from an empty one.
        int capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)period + 1);
        _mask = capacity - 1;
        _ring = new Candidate[capacity];
    }

    /// <summary>True once <c>period</c> values have been pushed: the window is complete.</summary>
    public bool IsFull => _next >= _period;

    public double Push(double value)
    {
        ref Candidate ring = ref MemoryMarshal.GetArrayDataReference(_ring); // positions are masked: always inside
        int mask = _mask;
        int head = _head;
        int tail = _tail;
        long index = _next++;
        double v = value * _sign;
        if (head != tail && Unsafe.Add(ref ring, head).Index <= index - _period)
        {
            head = (head + 1) & mask; // the front fell out of the window
        }

        // Drop candidates the new value dominates; ties keep the newer one (value is the same either way).
        while (head != tail)
        {
            int back = (tail - 1) & mask;
            if (Unsafe.Add(ref ring, back).Value > v)
            {
                break;
            }

            tail = back;
        }

        Unsafe.Add(ref ring, tail) = new Candidate(v, index);
        _tail = (tail + 1) & mask;
        _head = head;
        return Unsafe.Add(ref ring, head).Value * _sign;
    }

    private readonly record struct Candidate(double Value, long Index);
}
