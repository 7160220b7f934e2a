namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>A price level touched by several swing points.</summary>
/// <param name="Price">Mean price of the swing points in the cluster.</param>
/// <param name="Touches">Number of swing highs and lows in the cluster.</param>
/// <param name="IsSupport">True when the level is at or below the last close (support), false when above (resistance).</param>
public readonly record struct SupportResistanceLevel(double Price, int Touches, bool IsSupport);

/// <summary>
/// Support and resistance levels from clustered swing highs and lows. The rule:
/// <list type="number">
/// <item>A swing high is a bar whose high is strictly above the highs of the <c>strength</c> bars before and the
/// <c>strength</c> bars after it; a swing low likewise with lows. A swing is therefore known only
/// <c>strength</c> bars after it happened: nothing here looks ahead.</item>
/// <item>The last <c>maxSwings</c> swing prices (highs and lows together) are sorted and clustered by single
/// linkage: a price joins the current cluster when it is within <c>tolerance</c> (relative) of the previous
/// price, otherwise it starts a new cluster.</item>
/// <item>A cluster with at least <c>minTouches</c> swings is a level at the mean of its prices: support if
/// at or below the last close, resistance if above.</item>
/// </list>
/// Updates are O(strength) and allocation-free; <see cref="GetLevels"/> is O(maxSwings·log maxSwings).
/// </summary>
public sealed class SupportResistance
{
    private readonly int _strength;
    private readonly double _tolerance;
    private readonly int _minTouches;
    private readonly double[] _highs;
    private readonly double[] _lows;
    private readonly double[] _swings;
    private readonly double[] _sorted;
    private int _barPos;
    private long _bars;
    private int _swingPos;
    private int _swingCount;
    private double _lastClose = double.NaN;

    public SupportResistance(int strength = 2, double tolerance = 0.001, int minTouches = 2, int maxSwings = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(strength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        ArgumentOutOfRangeException.ThrowIfLessThan(minTouches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSwings, 1);
        _strength = strength;
        _tolerance = tolerance;
        _minTouches = minTouches;
        _highs = new double[(2 * strength) + 1];
        _lows = new double[(2 * strength) + 1];
        _swings = new double[maxSwings];
        _sorted = new double[maxSwings];
    }

    /// <summary>Swing points found so far (up to maxSwings are kept).</summary>
    public int SwingCount => _swingCount;

    public void Update(double high, double low, double close)
    {
        int span = _highs.Length;
        _highs[_barPos] = high;
        _lows[_barPos] = low;
        _barPos = (_barPos + 1) % span;
        _lastClose = close;
        if (++_bars < span)
        {
            return;
        }

        // The candidate is the middle bar of the last 2·strength+1; _barPos is now the oldest of them.
        int mid = (_barPos + _strength) % span;
        bool swingHigh = true;
        bool swingLow = true;
        for (int k = 0; k < span; k++)
        {
            if (k == mid)
            {
                continue;
            }

            swingHigh &= _highs[k] < _highs[mid];
            swingLow &= _lows[k] > _lows[mid];
        }

        if (swingHigh)
        {
            AddSwing(_highs[mid]);
        }

        if (swingLow)
        {
            AddSwing(_lows[mid]);
        }
    }

    /// <summary>Writes the current levels, lowest price first, and returns how many were written.</summary>
    public int GetLevels(Span<SupportResistanceLevel> destination)
    {
        int n = _swingCount;
        Span<double> sorted = _sorted.AsSpan(0, n);
        _swings.AsSpan(0, n).CopyTo(sorted);
        sorted.Sort();
        int written = 0;
        int start = 0;
        for (int i = 1; i <= n; i++)
        {
            if (i < n && sorted[i] - sorted[i - 1] <= _tolerance * sorted[i - 1])
            {
                continue;
            }

            int touches = i - start;
            if (touches >= _minTouches)
            {
                if (written == destination.Length)
                {
                    return written;
                }

                double sum = 0;
                for (int k = start; k < i; k++)
                {
                    sum += sorted[k];
                }

                double price = sum / touches;
                destination[written++] = new SupportResistanceLevel(price, touches, price <= _lastClose);
            }

            start = i;
        }

        return written;
    }

    private void AddSwing(double price)
    {
        _swings[_swingPos] = price;
        _swingPos = (_swingPos + 1) % _swings.Length;
        if (_swingCount < _swings.Length)
        {
            _swingCount++;
        }
    }
}
