namespace FlashTrader.Core.Indicators;

/// <summary>
/// Bollinger Bands as TA_BBANDS with an SMA middle band: middle ± nbdev·σ, σ the population standard deviation
/// from running sums (E[x²] - mean²; 0 when that is below TA-Lib's epsilon). Lookback period-1.
/// </summary>
public sealed class BollingerBands : IBarIndicator
{
    private readonly int _period;
    private readonly double _nbDevUp;
    private readonly double _nbDevDown;
    private readonly double[] _window;
    private int _pos;
    private long _count;
    private double _total;
    private double _totalSquares;

    public BollingerBands(int period = 20, double nbDevUp = 2.0, double nbDevDown = 2.0)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _nbDevUp = nbDevUp;
        _nbDevDown = nbDevDown;
        _window = new double[period];
    }

    public int Lookback => _period - 1;

    public int OutputCount => 3;

    public bool IsReady => _count >= _period;

    public double Upper { get; private set; } = double.NaN;

    public double Middle { get; private set; } = double.NaN;

    public double Lower { get; private set; } = double.NaN;

    public bool Update(double value)
    {
        _window[_pos] = value;
        if (++_pos == _period)
        {
            _pos = 0;
        }

        _total += value;
        _totalSquares += value * value;
        if (++_count < _period)
        {
            return false;
        }

        double oldest = _window[_pos];
        double mean = _total / _period;
        _total -= oldest;
        double meanSquares = _totalSquares / _period;
        _totalSquares -= oldest * oldest;
        double variance = meanSquares - (mean * mean);
        double sigma = TaLibMath.IsZeroOrNegative(variance) ? 0.0 : Math.Sqrt(variance);
        Middle = mean;
        Upper = mean + (sigma * _nbDevUp);
        Lower = mean - (sigma * _nbDevDown);
        return true;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => index switch
    {
        0 => Upper,
        1 => Middle,
        2 => Lower,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Bollinger Bands have outputs 0 (upper), 1 (middle), 2 (lower)"),
    };

    public static void Compute(
        ReadOnlySpan<double> input, Span<double> upper, Span<double> middle, Span<double> lower,
        int period = 20, double nbDevUp = 2.0, double nbDevDown = 2.0)
    {
        TaLibMath.RequireSameLength(input.Length, upper.Length, nameof(upper));
        TaLibMath.RequireSameLength(input.Length, middle.Length, nameof(middle));
        TaLibMath.RequireSameLength(input.Length, lower.Length, nameof(lower));
        var bb = new BollingerBands(period, nbDevUp, nbDevDown);
        for (int i = 0; i < input.Length; i++)
        {
            bb.Update(input[i]);
            upper[i] = bb.Upper;
            middle[i] = bb.Middle;
            lower[i] = bb.Lower;
        }
    }
}
