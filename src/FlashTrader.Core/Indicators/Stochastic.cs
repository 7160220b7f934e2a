using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Slow stochastic as TA_STOCH with SMA smoothing: fast %K = (close - lowest low)/((highest high - lowest low)/100)
/// over <c>fastK</c> bars (0 when the range is 0), slow %K = SMA(fast %K, slowK), slow %D = SMA(slow %K, slowD).
/// Lookback (fastK-1)+(slowK-1)+(slowD-1). The highest high and lowest low come from a SIMD scan of the window
/// (<see cref="HighLowWindow"/>): exact, as TA-Lib's own rescans are, and branch-free. The smoothing keeps TA-Lib's
/// order of operations (<see cref="SequentialSma"/>), so the outputs are bit-identical to TA_STOCH's.
/// </summary>
public sealed class Stochastic : IBarIndicator
{
    private readonly int _fastK;
    private HighLowWindow _window;
    private readonly SequentialSma _slowK;
    private readonly SequentialSma _slowD;
    private int _filled; // bars seen, counted only until the first fast %K
    private bool _ready;
    private double _k = double.NaN;
    private double _d = double.NaN;

    public Stochastic(int fastKPeriod = 14, int slowKPeriod = 3, int slowDPeriod = 3)
    {
        TaLibMath.RequirePeriod(fastKPeriod, 1, nameof(fastKPeriod));
        TaLibMath.RequirePeriod(slowKPeriod, 1, nameof(slowKPeriod));
        TaLibMath.RequirePeriod(slowDPeriod, 1, nameof(slowDPeriod));
        _fastK = fastKPeriod;
        _window = new HighLowWindow(fastKPeriod);
        _slowK = new SequentialSma(slowKPeriod);
        _slowD = new SequentialSma(slowDPeriod);
    }

    public int Lookback => _fastK - 1 + _slowK.Period - 1 + _slowD.Period - 1;

    public int OutputCount => 2;

    public bool IsReady => _ready;

    public double K => _k;

    public double D => _d;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Update(double high, double low, double close)
    {
        (double highest, double lowest) = _window.Push(high, low);
        if (!_ready)
        {
            return WarmUp(highest, lowest, close);
        }

        double slowK = _slowK.Update(FastK(highest, lowest, close));
        _k = slowK;
        _d = _slowD.Update(slowK);
        return true;
    }

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => index switch
    {
        0 => _k,
        1 => _d,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Stochastic has outputs 0 (k), 1 (d)"),
    };

    public static void Compute(
        ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> k, Span<double> d,
        int fastKPeriod = 14, int slowKPeriod = 3, int slowDPeriod = 3)
    {
        TaLibMath.RequireHighLowOf(close, high, low);
        TaLibMath.RequireSameLength(close.Length, k.Length, nameof(k));
        TaLibMath.RequireSameLength(close.Length, d.Length, nameof(d));
        var s = new Stochastic(fastKPeriod, slowKPeriod, slowDPeriod);
        for (int i = 0; i < close.Length; i++)
        {
            s.Update(high[i], low[i], close[i]);
            k[i] = s._k;
            d[i] = s._d;
        }
    }

    // TA-Lib's expression: two divisions, as it writes them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FastK(double highest, double lowest, double close)
    {
        double diff = (highest - lowest) / 100.0;
        return diff != 0.0 ? (close - lowest) / diff : 0.0;
    }

    // Inlined: a call on the update path would make callers spill their registers every bar.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool WarmUp(double highest, double lowest, double close)
    {
        if (_filled < _fastK && ++_filled < _fastK)
        {
            return false; // the first window is not complete yet
        }

        double slowK = _slowK.Update(FastK(highest, lowest, close));
        if (!_slowK.IsReady)
        {
            return false;
        }

        double slowD = _slowD.Update(slowK);
        if (!_slowD.IsReady)
        {
            return false;
        }

        _k = slowK;
        _d = slowD;
        _ready = true;
        return true;
    }
}
