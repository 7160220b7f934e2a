namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA-Lib's running "period total" for one candle setting: the sum of the setting's measure over the candles
/// before the one being judged. It starts summing at <c>firstBar</c> (pattern lookback - period, as TA-Lib
/// does) and then slides by adding the newest measure minus the one leaving, in TA-Lib's order of operations.
/// </summary>
internal sealed class CandleAverage
{
    private readonly CandleSetting _setting;
    private readonly double[] _window;
    private readonly long _firstBar;
    private int _pos;
    private double _total;

    public CandleAverage(CandleSetting setting, long firstBar)
    {
        _setting = setting;
        _window = new double[setting.AveragePeriod];
        _firstBar = firstBar;
    }

    /// <summary>TA_CANDLEAVERAGE for a candle judged now; <paramref name="ownRange"/> is used when the period is 0.</summary>
    public double Average(double ownRange)
    {
        int period = _setting.AveragePeriod;
        double average = period != 0 ? _total / period : ownRange;
        return _setting.Factor * average / (_setting.RangeType == CandleRangeType.Shadows ? 2.0 : 1.0);
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
            _total += range;
        }
        else
        {
            _total += range - _window[_pos];
        }

        _window[_pos] = range;
        if (++_pos == period)
        {
            _pos = 0;
        }
    }
}
