namespace FlashTrader.Core.Indicators;

/// <summary>
/// Relative Strength Index with Wilder smoothing, as TA_RSI: average gain and loss seeded with the plain
/// mean of the first <c>period</c> changes, then avg = (avg·(period-1) + change)/period. Lookback period.
/// </summary>
public sealed class Rsi : IBarIndicator
{
    private readonly int _period;
    private long _count;
    private double _prev;
    private double _gain;
    private double _loss;

    public Rsi(int period)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
    }

    public int Lookback => _period;

    public int OutputCount => 1;

    public bool IsReady => _count > _period;

    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        long n = ++_count;
        if (n == 1)
        {
            _prev = value;
            return Value;
        }

        double change = value - _prev;
        _prev = value;
        if (n > _period + 1)
        {
            _loss *= _period - 1;
            _gain *= _period - 1;
        }

        if (change < 0)
        {
            _loss -= change;
        }
        else
        {
            _gain += change;
        }

        if (n <= _period)
        {
            return Value;
        }

        _loss /= _period;
        _gain /= _period;
        double total = _gain + _loss;
        Value = TaLibMath.IsZero(total) ? 0.0 : 100.0 * (_gain / total);
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        TaLibMath.RequireSameLength(input.Length, output.Length, nameof(output));
        var rsi = new Rsi(period);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = rsi.Update(input[i]);
        }
    }
}
