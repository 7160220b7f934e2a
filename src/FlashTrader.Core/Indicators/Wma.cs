namespace FlashTrader.Core.Indicators;

/// <summary>
/// Linearly weighted moving average (newest weight period, oldest weight 1), kept in O(1) with TA-Lib's two
/// running sums (weighted sum and plain sum) in TA_WMA's order of operations. Lookback period-1.
/// </summary>
public sealed class Wma : IBarIndicator
{
    private readonly int _period;
    private readonly int _divider;
    private readonly double[] _window;
    private int _pos;
    private long _count;
    private double _weightedSum;
    private double _plainSum;
    private double _trailing;

    public Wma(int period)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _divider = (period * (period + 1)) >> 1;
        _window = new double[period];
    }

    public int Lookback => _period - 1;

    public int OutputCount => 1;

    public bool IsReady => _count >= _period;

    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        _window[_pos] = value;
        if (++_pos == _period)
        {
            _pos = 0;
        }

        long n = ++_count;
        if (n < _period)
        {
            _plainSum += value;
            _weightedSum += value * (int)n;
            return Value;
        }

        _plainSum += value;
        _plainSum -= _trailing;
        _weightedSum += value * _period;
        _trailing = _window[_pos]; // oldest value of this window: its weight drops to zero next bar
        Value = _weightedSum / _divider;
        _weightedSum -= _plainSum;
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        TaLibMath.RequireSameLength(input.Length, output.Length, nameof(output));
        var wma = new Wma(period);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = wma.Update(input[i]);
        }
    }
}
