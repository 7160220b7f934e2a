namespace FlashTrader.Core.Indicators;

/// <summary>
/// Money Flow Index as TA_MFI: raw money flow = typical price × volume, counted positive when the typical price
/// rose, negative when it fell, neither when unchanged; MFI = 100·pos/(pos+neg) over <c>period</c> flows,
/// 0 when pos+neg &lt; 1 (TA-Lib's guard). Lookback period.
/// </summary>
public sealed class Mfi : IBarIndicator
{
    private readonly int _period;
    private readonly double[] _positive;
    private readonly double[] _negative;
    private int _pos;
    private long _count;
    private double _prevTypical;
    private double _positiveSum;
    private double _negativeSum;

    public Mfi(int period = 14)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _positive = new double[period];
        _negative = new double[period];
    }

    public int Lookback => _period;

    public int OutputCount => 1;

    public bool IsReady => _count > _period;

    public double Value { get; private set; } = double.NaN;

    public double Update(double high, double low, double close, double volume)
    {
        double typical = (high + low + close) / 3.0;
        long n = ++_count;
        if (n == 1)
        {
            _prevTypical = typical;
            return Value;
        }

        if (n > _period + 1)
        {
            _positiveSum -= _positive[_pos]; // the flow leaving the window
            _negativeSum -= _negative[_pos];
        }

        double change = typical - _prevTypical;
        _prevTypical = typical;
        double flow = typical * volume;
        if (change < 0)
        {
            _negative[_pos] = flow;
            _negativeSum += flow;
            _positive[_pos] = 0.0;
        }
        else if (change > 0)
        {
            _positive[_pos] = flow;
            _positiveSum += flow;
            _negative[_pos] = 0.0;
        }
        else
        {
            _positive[_pos] = 0.0;
            _negative[_pos] = 0.0;
        }

        if (++_pos == _period)
        {
            _pos = 0;
        }

        if (n <= _period)
        {
            return Value;
        }

        double total = _positiveSum + _negativeSum;
        Value = total < 1.0 ? 0.0 : 100.0 * (_positiveSum / total);
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close, bar.Volume);

    public double GetOutput(int index) => Value;

    public static void Compute(
        ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume,
        Span<double> output, int period = 14)
    {
        TaLibMath.RequireSameLength(close.Length, high.Length, nameof(high));
        TaLibMath.RequireSameLength(close.Length, low.Length, nameof(low));
        TaLibMath.RequireSameLength(close.Length, volume.Length, nameof(volume));
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
        var mfi = new Mfi(period);
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = mfi.Update(high[i], low[i], close[i], volume[i]);
        }
    }
}
