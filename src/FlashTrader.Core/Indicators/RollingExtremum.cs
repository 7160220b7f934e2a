namespace FlashTrader.Core.Indicators;

/// <summary>
/// Highest (or lowest) value of the last <c>period</c> inputs in amortized O(1): a monotonic deque of
/// candidates kept in a fixed ring, so updates never allocate.
/// </summary>
internal sealed class RollingExtremum
{
    private readonly int _period;
    private readonly bool _max;
    private readonly double[] _values;
    private readonly long[] _indices;
    private int _head; // ring position of the front (the current extremum)
    private int _size;
    private long _next;

    public RollingExtremum(int period, bool max)
    {
        _period = period;
        _max = max;
        _values = new double[period];
        _indices = new long[period];
    }

    public double Push(double value)
    {
        long index = _next++;
        if (_size > 0 && _indices[_head] <= index - _period)
        {
            _head = Wrap(_head + 1); // the front fell out of the window
            _size--;
        }

        // Drop candidates the new value dominates; ties keep the newer one (value is the same either way).
        while (_size > 0)
        {
            double v = _values[Wrap(_head + _size - 1)];
            if (_max ? v > value : v < value)
            {
                break;
            }

            _size--;
        }

        int slot = Wrap(_head + _size);
        _values[slot] = value;
        _indices[slot] = index;
        _size++;
        return _values[_head];
    }

    // Positions stay below 2·period, so one conditional subtraction replaces a division.
    private int Wrap(int position) => position >= _period ? position - _period : position;
}
