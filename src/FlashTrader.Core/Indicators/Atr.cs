using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Average True Range as TA_ATR: true range from the second bar on, seeded with the SMA of the first
/// <c>period</c> true ranges, then Wilder smoothing atr = (atr·(period-1) + tr)/period, evaluated as one fused
/// multiply-add atr·((period-1)/period) + tr/period (within ulps of TA-Lib's; the error shrinks each bar).
/// Lookback period.
/// </summary>
public sealed class Atr : IBarIndicator
{
    private readonly int _period;
    private readonly double _keep; // (period-1)/period
    private readonly double _take; // 1/period
    private int _seen; // counted only until the first output
    private double _prevClose;
    private double _atr;
    private double _value = double.NaN;

    public Atr(int period = 14)
    {
        TaLibMath.RequirePeriod(period, 1, nameof(period));
        _period = period;
        _keep = (period - 1) / (double)period;
        _take = 1.0 / period;
    }

    public int Lookback => _period;

    public int OutputCount => 1;

    public bool IsReady => _seen > _period;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double high, double low, double close)
    {
        if (_seen <= _period)
        {
            return Seed(high, low, close);
        }

        double tr = TaLibMath.TrueRange(high, low, _prevClose);
        _prevClose = close;
        double atr = Math.FusedMultiplyAdd(_atr, _keep, tr * _take);
        _atr = atr;
        _value = atr;
        return atr;
    }

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period = 14)
    {
        TaLibMath.RequireHighLowOf(close, high, low);
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
        var atr = new Atr(period);
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = atr.Update(high[i], low[i], close[i]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Seed(double high, double low, double close)
    {
        int i = _seen++;
        if (i == 0)
        {
            _prevClose = close;
            return _value;
        }

        _atr += TaLibMath.TrueRange(high, low, _prevClose);
        _prevClose = close;
        if (i == _period)
        {
            _atr /= _period;
            _value = _atr;
        }

        return _value;
    }
}
