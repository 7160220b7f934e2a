namespace FlashTrader.Core.Indicators;

/// <summary>
/// Slow stochastic as TA_STOCH with SMA smoothing: fast %K = (close - lowest low)/((highest high - lowest low)/100)
/// over <c>fastK</c> bars (0 when the range is 0), slow %K = SMA(fast %K, slowK), slow %D = SMA(slow %K, slowD).
/// Lookback (fastK-1)+(slowK-1)+(slowD-1).
/// </summary>
public sealed class Stochastic : IBarIndicator
{
    private readonly int _fastK;
    private readonly RollingExtremum _highest;
    private readonly RollingExtremum _lowest;
    private readonly Sma _slowK;
    private readonly Sma _slowD;
    private long _count;

    public Stochastic(int fastKPeriod = 14, int slowKPeriod = 3, int slowDPeriod = 3)
    {
        TaLibMath.RequirePeriod(fastKPeriod, 1, nameof(fastKPeriod));
        TaLibMath.RequirePeriod(slowKPeriod, 1, nameof(slowKPeriod));
        TaLibMath.RequirePeriod(slowDPeriod, 1, nameof(slowDPeriod));
        _fastK = fastKPeriod;
        _highest = new RollingExtremum(fastKPeriod, max: true);
        _lowest = new RollingExtremum(fastKPeriod, max: false);
        _slowK = new Sma(slowKPeriod);
        _slowD = new Sma(slowDPeriod);
    }

    public int Lookback => _fastK - 1 + _slowK.Period - 1 + _slowD.Period - 1;

    public int OutputCount => 2;

    public bool IsReady => _count > Lookback;

    public double K { get; private set; } = double.NaN;

    public double D { get; private set; } = double.NaN;

    public bool Update(double high, double low, double close)
    {
        double highest = _highest.Push(high);
        double lowest = _lowest.Push(low);
        if (++_count < _fastK)
        {
            return false;
        }

        double diff = (highest - lowest) / 100.0;
        double fastK = diff != 0.0 ? (close - lowest) / diff : 0.0;
        double slowK = _slowK.Update(fastK);
        if (!_slowK.IsReady)
        {
            return false;
        }

        double slowD = _slowD.Update(slowK);
        if (!_slowD.IsReady)
        {
            return false;
        }

        K = slowK;
        D = slowD;
        return true;
    }

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => index switch
    {
        0 => K,
        1 => D,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Stochastic has outputs 0 (k), 1 (d)"),
    };

    public static void Compute(
        ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> k, Span<double> d,
        int fastKPeriod = 14, int slowKPeriod = 3, int slowDPeriod = 3)
    {
        TaLibMath.RequireSameLength(close.Length, high.Length, nameof(high));
        TaLibMath.RequireSameLength(close.Length, low.Length, nameof(low));
        TaLibMath.RequireSameLength(close.Length, k.Length, nameof(k));
        TaLibMath.RequireSameLength(close.Length, d.Length, nameof(d));
        var s = new Stochastic(fastKPeriod, slowKPeriod, slowDPeriod);
        for (int i = 0; i < close.Length; i++)
        {
            s.Update(high[i], low[i], close[i]);
            k[i] = s.K;
            d[i] = s.D;
        }
    }
}
