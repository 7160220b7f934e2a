namespace FlashTrader.Core.Indicators;

/// <summary>
/// Commodity Channel Index as TA_CCI: typical price (h+l+c)/3, CCI = (tp - mean)/(0.015·mean deviation) over
/// <c>period</c> bars, 0 when either is 0. The mean deviation has no O(1) update (each value's distance to a
/// moving mean changes), so each update is O(period), summed in TA-Lib's circular-buffer order for identical
/// rounding. Lookback period-1.
/// </summary>
public sealed class Cci : IBarIndicator
{
    private readonly int _period;
    private readonly double[] _typical;
    private int _pos;
    private long _count;

    public Cci(int period = 20)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _typical = new double[period];
    }

    public int Lookback => _period - 1;

    public int OutputCount => 1;

    public bool IsReady => _count >= _period;

    public double Value { get; private set; } = double.NaN;

    public double Update(double high, double low, double close)
    {
        double last = (high + low + close) / 3;
        double[] buffer = _typical;
        buffer[_pos] = last;
        if (++_pos == _period)
        {
            _pos = 0;
        }

        if (++_count < _period)
        {
            return Value;
        }

        double average = 0;
        for (int i = 0; i < buffer.Length; i++)
        {
            average += buffer[i];
        }

        average /= _period;
        double deviation = 0;
        for (int i = 0; i < buffer.Length; i++)
        {
            deviation += Math.Abs(buffer[i] - average);
        }

        double distance = last - average;
        Value = distance != 0.0 && deviation != 0.0 ? distance / (0.015 * (deviation / _period)) : 0.0;
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period = 20)
    {
        TaLibMath.RequireHighLowOf(close, high, low);
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
        var cci = new Cci(period);
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = cci.Update(high[i], low[i], close[i]);
        }
    }
}
