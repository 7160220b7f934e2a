using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    private readonly double _divisor; // the period as a double
    private int _pos;
    private int _seen; // counted only until the first output
    private double _total;
    private double _totalSquares;
    private double _upper = double.NaN;
    private double _middle = double.NaN;
    private double _lower = double.NaN;

    public BollingerBands(int period = 20, double nbDevUp = 2.0, double nbDevDown = 2.0)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _divisor = period;
        _nbDevUp = nbDevUp;
        _nbDevDown = nbDevDown;
        _window = new double[period];
    }

    public int Lookback => _period - 1;

    public int OutputCount => 3;

    public bool IsReady => _seen >= _period;

    public double Upper => _upper;

    public double Middle => _middle;

    public double Lower => _lower;

    // The sums keep TA-Lib's order of operations exactly: E[x²] - mean² cancels heavily, so a re-association
    // that is harmless elsewhere would cost digits here.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Update(double value)
    {
        double[] window = _window;
        ref double first = ref MemoryMarshal.GetArrayDataReference(window);
        int pos = _pos;
        Unsafe.Add(ref first, pos) = value;
        if (++pos == window.Length)
        {
            pos = 0;
        }

        _pos = pos;
        double total = _total + value;
        double totalSquares = _totalSquares + (value * value);
        if (_seen < _period - 1)
        {
            _seen++;
            _total = total;
            _totalSquares = totalSquares;
            return false;
        }

        _seen = _period;
        double oldest = Unsafe.Add(ref first, pos); // pos < window.Length: inside the ring
        double mean = total / _divisor;
        _total = total - oldest;
        double meanSquares = totalSquares / _divisor;
        _totalSquares = totalSquares - (oldest * oldest);
        double variance = meanSquares - (mean * mean);
        double sigma = TaLibMath.IsZeroOrNegative(variance) ? 0.0 : Math.Sqrt(variance);
        _middle = mean;
        _upper = mean + (sigma * _nbDevUp);
        _lower = mean - (sigma * _nbDevDown);
        return true;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => index switch
    {
        0 => _upper,
        1 => _middle,
        2 => _lower,
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
