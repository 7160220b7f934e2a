using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA-Lib's running "period total" for one candle setting: the sum of the setting's measure over the candles
/// before the one being judged. It starts summing at <c>firstBar</c> (pattern lookback - period, as TA-Lib
/// does) and then slides by adding the newest measure minus the one leaving, in TA-Lib's order of operations.
/// A struct held in its pattern's fields (no pointer to chase per update); the setting's constants are copied
/// in so the steady-state <see cref="Slide"/> and <see cref="Average"/> read no setting. The total is kept as two
/// halves, the sums of the ring's even and odd slots, so consecutive bars extend different halves and the
/// ~9-cycle store-to-load wait on the running total is paid every other bar; the average then differs from
/// TA-Lib's single running total by ulps at most.
/// </summary>
internal struct CandleAverage
{
    private readonly CandleSetting _setting;
    private readonly double[] _window;
    private readonly long _firstBar;
    private readonly double _period; // as a double: no int conversion per average
    private readonly double _factor;
    private readonly double _scale; // Shadows: TA-Lib divides the average by 2, exactly what × 0.5 does; else 1
    private nint _pos; // native-sized: indexes the ring with no sign extension
    private double _evenHalf; // sums of the measures in the ring's even and odd slots
    private double _oddHalf;
    private double _unfilled; // NaN until the ring has wrapped once, then 0: added to an output, it blanks warm-up

    public CandleAverage(CandleSetting setting, long firstBar)
    {
        _setting = setting;
        _window = new double[setting.AveragePeriod];
        _firstBar = firstBar;
        _period = setting.AveragePeriod;
        _factor = setting.Factor;
        _scale = setting.RangeType == CandleRangeType.Shadows ? 0.5 : 1.0;
        _pos = 0;
        _evenHalf = 0;
        _oddHalf = 0;
        _unfilled = double.NaN;
    }

    /// <summary>
    /// 0 once the window has filled by sliding (the ring has wrapped once), NaN before: a pattern that slides from
    /// its first candle adds it to its output to blank warm-up without a branch.
    /// </summary>
    public readonly double Unfilled => _unfilled;

    /// <summary>The running total over the window (both halves), for a pattern that divides by constants of its own.</summary>
    public readonly double Total
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _evenHalf + _oddHalf;
    }

    /// <summary>TA_CANDLEAVERAGE for a candle judged now; <paramref name="ownRange"/> is used when the period is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Average(double ownRange)
    {
        // A multiply instead of a branch on the range type: TA-Lib's "/ 2.0" and "/ 1.0" are exact, and so are × 0.5, × 1.
        return _factor * (_window.Length != 0 ? Total / _period : ownRange) * _scale;
    }

    /// <summary>Adds the candle at <paramref name="barIndex"/> (0-based, in order) once it has been judged.</summary>
    public void Add(long barIndex, double open, double high, double low, double close)
    {
        int period = _window.Length;
        if (period == 0 || barIndex < _firstBar)
        {
            return;
        }

        double range = _setting.RangeOf(open, high, low, close);
        if (barIndex < _firstBar + period)
        {
            if ((_pos & 1) == 0)
            {
                _evenHalf += range;
            }
            else
            {
                _oddHalf += range;
            }

            _window[_pos] = range;
            if (++_pos == period)
            {
                _pos = 0;
            }
        }
        else
        {
            Slide(range);
        }
    }

    /// <summary>
    /// Steady state (the window is full): the judged candle's measure enters, the oldest leaves. A no-op for a
    /// period of 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Slide(double range)
    {
        double[] window = _window;
        if (window.Length == 0)
        {
            return;
        }

        nint pos = _pos; // always < window.Length
        ref double slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(window), pos);
        double delta = range - slot;
        slot = range;

        // The half is picked by a branch (parity alternates, so it is predicted) rather than by an address computed
        // from the position: each half is then a fixed field, a few instructions fewer per bar.
        if ((pos & 1) == 0)
        {
            _evenHalf += delta;
        }
        else
        {
            _oddHalf += delta;
        }

        if (++pos == window.Length)
        {
            pos = 0;
            _unfilled = 0;
        }

        _pos = pos;
    }
}
