namespace FlashTrader.Core.Market;

/// <summary>
/// The mid price sampled on a fixed event-time grid (carrying the last value forward across quiet periods), with the
/// running sums that make momentum, realized volatility and trend O(1) per sample.
/// </summary>
public sealed class SampledMidSeries
{
    private readonly long _intervalNs;
    private readonly double[] _mids;
    private readonly int _momentumSamples;
    private readonly int _volatilitySamples;
    private readonly int _trendSamples;
    private readonly double[] _squaredReturns;
    private long _count;
    private long _nextSampleNs = long.MinValue;
    private double _last = double.NaN;
    private double _sumSquaredReturns;
    private double _sumTrend;

    public SampledMidSeries(int intervalMs, int momentumWindowMs, int volatilityWindowMs, int trendWindowMs)
    {
        _intervalNs = intervalMs * 1_000_000L;
        _momentumSamples = Math.Max(1, momentumWindowMs / intervalMs);
        _volatilitySamples = Math.Max(1, volatilityWindowMs / intervalMs);
        _trendSamples = Math.Max(1, trendWindowMs / intervalMs);
        int capacity = Math.Max(_momentumSamples, Math.Max(_volatilitySamples, _trendSamples)) + 2;
        _mids = new double[capacity];
        _squaredReturns = new double[capacity];
    }

    public long Samples => _count;

    /// <summary>Records the mid at <paramref name="timeNs"/>; emits one sample per elapsed grid interval.</summary>
    public void Observe(long timeNs, double mid)
    {
        if (_nextSampleNs == long.MinValue)
        {
            _nextSampleNs = timeNs - (timeNs % _intervalNs) + _intervalNs;
            _last = mid;
            Push(mid);
            return;
        }

        // Quiet periods carry the previous mid forward; cap the catch-up so a long pause cannot stall the stage.
        int guard = _mids.Length;
        while (timeNs >= _nextSampleNs && guard-- > 0)
        {
            Push(_last);
            _nextSampleNs += _intervalNs;
        }

        if (timeNs >= _nextSampleNs)
        {
            _nextSampleNs = timeNs - (timeNs % _intervalNs) + _intervalNs;
        }

        _last = mid;
    }

    private void Push(double mid)
    {
        int cap = _mids.Length;
        int index = (int)(_count % cap);
        double r = 0;
        if (_count > 0)
        {
            double prev = _mids[(int)((_count - 1) % cap)];
            r = prev > 0 ? Math.Log(mid / prev) : 0;
        }

        double rSquared = r * r;
        _sumSquaredReturns += rSquared;
        if (_count >= _volatilitySamples)
        {
            _sumSquaredReturns -= _squaredReturns[(int)((_count - _volatilitySamples) % cap)];
        }

        _sumTrend += mid;
        if (_count >= _trendSamples)
        {
            _sumTrend -= _mids[(int)((_count - _trendSamples) % cap)];
        }

        _mids[index] = mid;
        _squaredReturns[index] = rSquared;
        _count++;
    }

    private double At(long sample) => _mids[(int)(sample % _mids.Length)];

    /// <summary>Percent change of the mid over the momentum window; NaN until the window has filled.</summary>
    public double MomentumPercent
    {
        get
        {
            if (_count <= _momentumSamples)
            {
                return double.NaN;
            }

            double then = At(_count - 1 - _momentumSamples);
            return then > 0 ? ((_last / then) - 1) * 100 : double.NaN;
        }
    }

    /// <summary>Square root of the summed squared log returns over the window, in percent; NaN until filled.</summary>
    public double VolatilityPercent => _count <= _volatilitySamples ? double.NaN : Math.Sqrt(Math.Max(0, _sumSquaredReturns)) * 100;

    /// <summary>Percent distance of the current mid from its mean over the trend window; NaN until filled.</summary>
    public double TrendPercent
    {
        get
        {
            if (_count < _trendSamples)
            {
                return double.NaN;
            }

            double mean = _sumTrend / _trendSamples;
            return mean > 0 ? ((_last / mean) - 1) * 100 : double.NaN;
        }
    }
}
