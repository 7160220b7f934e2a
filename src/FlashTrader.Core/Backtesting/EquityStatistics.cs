namespace FlashTrader.Core.Backtesting;

/// <summary>
/// Statistics of an equity series fed one sample at a time, in O(1) memory (the optimiser keeps no curve): the simple
/// returns between consecutive samples (count, mean, variance, skewness, kurtosis, downside deviation) and the
/// drawdown from the running peak (deepest value, deepest percentage, longest time under a peak).
/// Returns use the first four central moments updated online (Pébay's formulas), so no sample is stored.
/// </summary>
public sealed class EquityStatistics
{
    private double _m1;
    private double _m2;
    private double _m3;
    private double _m4;
    private double _downsideSquares;
    private decimal _previous;
    private decimal _peak;
    private long _peakTimeNs;
    private bool _underwater;
    private long _longestUnderwaterNs;

    public long Samples { get; private set; }

    /// <summary>Number of returns (samples minus one).</summary>
    public long Returns { get; private set; }

    public decimal First { get; private set; }

    public decimal Last => _previous;

    public long FirstTimeNs { get; private set; }

    public long LastTimeNs { get; private set; }

    /// <summary>Largest fall from a running peak, in quote.</summary>
    public decimal MaxDrawdown { get; private set; }

    /// <summary>Largest fall from a running peak as a percentage of that peak.</summary>
    public double MaxDrawdownPercent { get; private set; }

    /// <summary>Longest time from a peak until equity is back at or above it (or the last sample, if it never is).</summary>
    public long MaxDrawdownDurationNs => Math.Max(_longestUnderwaterNs, _underwater ? LastTimeNs - _peakTimeNs : 0);

    public double MeanReturn => _m1;

    /// <summary>Sample standard deviation of returns (n - 1 in the denominator).</summary>
    public double ReturnStandardDeviation => Returns < 2 ? 0 : Math.Sqrt(_m2 / (Returns - 1));

    /// <summary>Root mean square of the negative returns over all returns (target return 0).</summary>
    public double DownsideDeviation => Returns == 0 ? 0 : Math.Sqrt(_downsideSquares / Returns);

    /// <summary>Population skewness of returns (0 when undefined).</summary>
    public double Skewness => Returns < 2 || _m2 == 0 ? 0 : Math.Sqrt(Returns) * _m3 / Math.Pow(_m2, 1.5);

    /// <summary>Population kurtosis of returns, not excess (a normal distribution has 3; 3 when undefined).</summary>
    public double Kurtosis => Returns < 2 || _m2 == 0 ? 3 : Returns * _m4 / (_m2 * _m2);

    /// <summary>Mean over standard deviation of the per-sample returns, not annualised (0 when undefined).</summary>
    public double SharpePerPeriod => ReturnStandardDeviation == 0 ? 0 : _m1 / ReturnStandardDeviation;

    /// <summary>Mean over downside deviation of the per-sample returns, not annualised (0 when undefined).</summary>
    public double SortinoPerPeriod => DownsideDeviation == 0 ? 0 : _m1 / DownsideDeviation;

    public void Add(long timeNs, decimal equity)
    {
        if (Samples++ == 0)
        {
            First = equity;
            FirstTimeNs = timeNs;
            _peak = equity;
            _peakTimeNs = timeNs;
        }
        else
        {
            AddReturn(_previous == 0 ? 0 : (double)(equity / _previous) - 1);
        }

        _previous = equity;
        LastTimeNs = timeNs;
        if (equity >= _peak)
        {
            if (_underwater)
            {
                _longestUnderwaterNs = Math.Max(_longestUnderwaterNs, timeNs - _peakTimeNs);
                _underwater = false;
            }

            _peak = equity;
            _peakTimeNs = timeNs;
            return;
        }

        _underwater = true;
        decimal drawdown = _peak - equity;
        MaxDrawdown = Math.Max(MaxDrawdown, drawdown);
        if (_peak > 0)
        {
            MaxDrawdownPercent = Math.Max(MaxDrawdownPercent, (double)(drawdown / _peak) * 100);
        }
    }

    private void AddReturn(double r)
    {
        long n1 = Returns;
        long n = ++Returns;
        double delta = r - _m1;
        double deltaN = delta / n;
        double deltaN2 = deltaN * deltaN;
        double term1 = delta * deltaN * n1;
        _m1 += deltaN;
        _m4 += (term1 * deltaN2 * ((n * n) - (3 * n) + 3)) + (6 * deltaN2 * _m2) - (4 * deltaN * _m3);
        _m3 += (term1 * deltaN * (n - 2)) - (3 * deltaN * _m2);
        _m2 += term1;
        if (r < 0)
        {
            _downsideSquares += r * r;
        }
    }
}
