using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA-Lib's running "period total" for one candle setting: the sum of the setting's measure over the candles
/// before the one being judged. It starts summing at <c>firstBar</c> (pattern lookback - period, as TA-Lib
/// does) and then slides by adding the newest measure minus the one leaving, in TA-Lib's order of operations.
/// A struct held in its pattern's fields (no pointer to chase per update); the setting's constants are copied
/// in so the steady-state <see cref="Slide"/> and <see cref="Average"/> read no setting. The total is kept as two
/// halves, the sums of the ring's even and odd slots (<see cref="AlternatingPair"/>), so consecutive bars extend
/// different halves and the store-to-load wait on the running total is paid every other bar; the average then
/// differs from TA-Lib's single running total by ulps at most.
/// </summary>
internal struct CandleAverage
{
    private readonly CandleSetting _setting;
    private readonly double[] _window;
    private readonly long _firstBar;
    private readonly double _period; // as a double: no int conversion per average
    private readonly double _factor;
    private readonly bool _halve; // Shadows: TA-Lib divides the average by 2
    private int _pos;
    private AlternatingPair _halves; // sums of the measures in the ring's even and odd slots

    public CandleAverage(CandleSetting setting, long firstBar)
    {
        _setting = setting;
        _window = new double[setting.AveragePeriod];
        _firstBar = firstBar;
        _period = setting.AveragePeriod;
        _factor = setting.Factor;
        _halve = setting.RangeType == CandleRangeType.Shadows;
        _pos = 0;
        _halves = default;
    }

    /// <summary>TA_CANDLEAVERAGE for a candle judged now; <paramref name="ownRange"/> is used when the period is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Average(double ownRange)
    {
        double scaled = _factor * (_window.Length != 0 ? _halves.Sum / _period : ownRange);
        return _halve ? scaled / 2.0 : scaled; // TA-Lib's "/ 1.0" otherwise is exact, so it is left out
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
            _halves.At(_pos) += range;
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

        int pos = _pos; // always < window.Length
        ref double slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(window), pos);
        _halves.At(pos) += range - slot;
        slot = range;
        _pos = ++pos == window.Length ? 0 : pos;
    }
}
