namespace FlashTrader.Core.Indicators;

/// <summary>
/// Simple moving average, TA-Lib's running-sum form (add the newest, divide, subtract the oldest), so the
/// rounding matches TA_SMA exactly. Lookback period-1.
/// </summary>
public sealed class Sma : IBarIndicator
{
    private readonly int _period;
    private readonly double[] _window;
    private int _pos;
    private long _count;
    private double _total;

    public Sma(int period)
    {
        // 1 is allowed for internal smoothing (STOCH's slow %K of 1); TA_SMA itself starts at 2.
        TaLibMath.RequirePeriod(period, 1, nameof(period));
        _period = period;
        _window = new double[period];
    }

    public int Period => _period;

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

        _total += value;
        if (++_count >= _period)
        {
            Value = _total / _period;
            _total -= _window[_pos]; // the oldest value of this window leaves before the next one enters
        }

        return Value;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        TaLibMath.RequireSameLength(input.Length, output.Length, nameof(output));
        var sma = new Sma(period);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = sma.Update(input[i]);
        }
    }
}
