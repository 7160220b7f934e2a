namespace FlashTrader.Core.Indicators;

/// <summary>
/// Exponential moving average as TA-Lib computes it: k = 2/(period+1), seeded with the SMA of the first
/// <c>period</c> values (first output at index period-1), then prev + (x - prev)·k.
/// </summary>
public sealed class Ema : IBarIndicator
{
    private readonly int _period;
    private readonly double _k;
    private long _count;
    private double _sum;

    public Ema(int period)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _k = 2.0 / (period + 1);
    }

    public int Lookback => _period - 1;

    public int OutputCount => 1;

    public bool IsReady => _count >= _period;

    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        long n = ++_count;
        if (n > _period)
        {
            Value = ((value - Value) * _k) + Value;
        }
        else
        {
            _sum += value;
            if (n == _period)
            {
                Value = _sum / _period;
            }
        }

        return Value;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        TaLibMath.RequireSameLength(input.Length, output.Length, nameof(output));
        var ema = new Ema(period);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = ema.Update(input[i]);
        }
    }
}
