namespace FlashTrader.Core.Indicators;

/// <summary>
/// Average Directional Movement Index as TA_ADX: +DM/-DM and true range summed over the first period-1 changes,
/// then Wilder-smoothed (x - x/period + new); DX = 100·|-DI - +DI|/(-DI + +DI); ADX seeded with the mean of the
/// first <c>period</c> DX values, then (adx·(period-1) + dx)/period, unchanged when DX is undefined.
/// Lookback 2·period-1.
/// </summary>
public sealed class Adx : IBarIndicator
{
    private readonly int _period;
    private long _count;
    private double _prevHigh;
    private double _prevLow;
    private double _prevClose;
    private double _plusDm;
    private double _minusDm;
    private double _tr;
    private double _sumDx;
    private double _adx;

    public Adx(int period = 14)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
    }

    public int Lookback => (2 * _period) - 1;

    public int OutputCount => 1;

    public bool IsReady => _count > Lookback;

    public double Value { get; private set; } = double.NaN;

    public double Update(double high, double low, double close)
    {
        long i = _count++;
        if (i == 0)
        {
            _prevHigh = high;
            _prevLow = low;
            _prevClose = close;
            return Value;
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
            return Value;
        }

        bool dxDefined = false;
        double dx = 0;
        if (!TaLibMath.IsZero(_tr))
        {
            double minusDi = 100.0 * (_minusDm / _tr);
            double plusDi = 100.0 * (_plusDm / _tr);
            double sum = minusDi + plusDi;
            if (!TaLibMath.IsZero(sum))
            {
                dx = 100.0 * (Math.Abs(minusDi - plusDi) / sum);
                dxDefined = true;
            }
        }

        long lastSeed = Lookback;
        if (i < lastSeed)
        {
            if (dxDefined)
            {
                _sumDx += dx;
            }
        }
        else if (i == lastSeed)
        {
            if (dxDefined)
            {
                _sumDx += dx;
            }

            _adx = _sumDx / _period;
            Value = _adx;
        }
        else
        {
            if (dxDefined)
            {
                _adx = ((_adx * (_period - 1)) + dx) / _period;
            }

            Value = _adx;
        }

        return Value;
    }

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period = 14)
    {
        TaLibMath.RequireSameLength(close.Length, high.Length, nameof(high));
        TaLibMath.RequireSameLength(close.Length, low.Length, nameof(low));
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
        var adx = new Adx(period);
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = adx.Update(high[i], low[i], close[i]);
        }
    }
}
