using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Average Directional Movement Index as TA_ADX: +DM/-DM and true range summed over the first period-1 changes,
/// then Wilder-smoothed (x - x/period + new); DX = 100·|-DI - +DI|/(-DI + +DI); ADX seeded with the mean of the
/// first <c>period</c> DX values, then (adx·(period-1) + dx)/period, unchanged when DX is undefined.
/// Lookback 2·period-1. Once the ADX is seeded each smoothing step is one fused multiply-add (x·(1-1/period) +
/// new, within ulps of TA-Lib's) and the +DM/-DM choice is made without branches, since it flips at random.
/// </summary>
public sealed class Adx : IBarIndicator
{
    private readonly int _period;
    private readonly double _keep; // 1 - 1/period, Wilder's weight of the previous value
    private readonly double _take; // 1/period
    private int _seen; // counted only until the ADX is seeded
    private double _prevHigh;
    private double _prevLow;
    private double _prevClose;
    private double _plusDm;
    private double _minusDm;
    private double _tr;
    private double _sumDx;
    private double _adx;
    private double _value = double.NaN;

    public Adx(int period = 14)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _keep = (period - 1) / (double)period;
        _take = 1.0 / period;
    }

    public int Lookback => (2 * _period) - 1;

    public int OutputCount => 1;

    public bool IsReady => _seen > Lookback;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double high, double low, double close)
    {
        if (_seen <= Lookback)
        {
            return Seed(high, low, close);
        }

        double diffP = high - _prevHigh;
        double diffM = _prevLow - low;
        _prevHigh = high;
        _prevLow = low;
        bool minusMove = (diffM > 0) & (diffP < diffM);
        bool plusMove = (diffP > 0) & (diffP > diffM);
        double minusDm = Math.FusedMultiplyAdd(_minusDm, _keep, diffM * Unsafe.As<bool, byte>(ref minusMove));
        double plusDm = Math.FusedMultiplyAdd(_plusDm, _keep, diffP * Unsafe.As<bool, byte>(ref plusMove));
        double tr = Math.FusedMultiplyAdd(_tr, _keep, TaLibMath.TrueRange(high, low, _prevClose));
        _prevClose = close;
        _minusDm = minusDm;
        _plusDm = plusDm;
        _tr = tr;
        if (!TaLibMath.IsZero(tr))
        {
            double minusDi = 100.0 * (minusDm / tr);
            double plusDi = 100.0 * (plusDm / tr);
            double sum = minusDi + plusDi;
            if (!TaLibMath.IsZero(sum))
            {
                double dx = 100.0 * (Math.Abs(minusDi - plusDi) / sum);
                _adx = Math.FusedMultiplyAdd(_adx, _keep, dx * _take);
            }
        }

        _value = _adx;
        return _adx;
    }

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period = 14)
    {
        TaLibMath.RequireHighLowOf(close, high, low);
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
        var adx = new Adx(period);
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = adx.Update(high[i], low[i], close[i]);
        }
    }

    // Up to the ADX's first output: TA-Lib's sums and order of operations exactly.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Seed(double high, double low, double close)
    {
        int i = _seen++;
        if (i == 0)
        {
            _prevHigh = high;
            _prevLow = low;
            _prevClose = close;
            return _value;
        }

        double diffP = high - _prevHigh;
        _prevHigh = high;
        double diffM = _prevLow - low;
        _prevLow = low;
        bool seeding = i < _period;
        if (!seeding)
        {
            _minusDm -= _minusDm / _period;
            _plusDm -= _plusDm / _period;
        }

        if (diffM > 0 && diffP < diffM)
        {
            _minusDm += diffM;
        }
        else if (diffP > 0 && diffP > diffM)
        {
            _plusDm += diffP;
        }

        double tr = TaLibMath.TrueRange(high, low, _prevClose);
        _tr = seeding ? _tr + tr : _tr - (_tr / _period) + tr;
        _prevClose = close;
        if (seeding)
        {
            return _value;
        }

        if (!TaLibMath.IsZero(_tr))
        {
            double minusDi = 100.0 * (_minusDm / _tr);
            double plusDi = 100.0 * (_plusDm / _tr);
            double sum = minusDi + plusDi;
            if (!TaLibMath.IsZero(sum))
            {
                _sumDx += 100.0 * (Math.Abs(minusDi - plusDi) / sum);
            }
        }

        if (i == Lookback)
        {
            _adx = _sumDx / _period;
            _value = _adx;
        }

        return _value;
    }
}
