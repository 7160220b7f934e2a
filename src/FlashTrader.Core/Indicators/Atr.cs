namespace FlashTrader.Core.Indicators;

/// <summary>
/// Average True Range as TA_ATR: true range from the second bar on, seeded with the SMA of the first
/// <c>period</c> true ranges, then Wilder smoothing atr = (atr·(period-1) + tr)/period. Lookback period.
/// </summary>
public sealed class Atr : IBarIndicator
{
    private readonly int _period;
    private long _count;
    private double _prevClose;
    private double _atr;

    public Atr(int period = 14)
    {
        TaLibMath.RequirePeriod(period, 1, nameof(period));
        _period = period;
    }

    public int Lookback => _period;

    public int OutputCount => 1;

    public bool IsReady => _count > _period;

    public double Value { get; private set; } = double.NaN;

    public double Update(double high, double low, double close)
    {
        long i = _count++;
        if (i == 0)
        {
            _prevClose = close;
            return Value;
        }

        double tr = TaLibMath.TrueRange(high, low, _prevClose);
        _prevClose = close;
        if (i < _period)
        {
            _atr += tr;
        }
        else if (i == _period)
        {
            _atr += tr;
            _atr /= _period;
            Value = _atr;
        }
        else
        {
            _atr *= _period - 1;
            _atr += tr;
            _atr /= _period;
            Value = _atr;
        }

        return Value;
    }

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period = 14)
    {
        TaLibMath.RequireSameLength(close.Length, high.Length, nameof(high));
        TaLibMath.RequireSameLength(close.Length, low.Length, nameof(low));
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
        var atr = new Atr(period);
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = atr.Update(high[i], low[i], close[i]);
        }
    }
}
