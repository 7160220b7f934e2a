using FlashTrader.Core.Configuration;

namespace FlashTrader.Core.Execution;

/// <summary>
/// Draws the two legs of order latency in nanoseconds: entry (decision -> matching engine) and response (matching
/// engine -> strategy). Constant, uniform in [median, median + jitter], or lognormal around the median; every draw comes
/// from one seeded generator, so a replay is identical. Allocates nothing per draw.
/// </summary>
public sealed class LatencyModel
{
    private const double NsPerMs = 1_000_000;
    private readonly LatencyDistribution _distribution;
    private readonly double _entryNs;
    private readonly double _responseNs;
    private readonly double _jitterNs;
    private readonly double _sigma;
    private readonly Random _random;

    public LatencyModel(LatencyOptions options)
    {
        _distribution = options.Distribution switch
        {
            "Uniform" => LatencyDistribution.Uniform,
            "LogNormal" => LatencyDistribution.LogNormal,
            "Constant" => LatencyDistribution.Constant,
            _ => throw new ArgumentException($"Execution:Latency:Distribution: unknown distribution '{options.Distribution}'", nameof(options)),
        };
        _entryNs = options.EntryMs * NsPerMs;
        _responseNs = options.ResponseMs * NsPerMs;
        _jitterNs = options.JitterMs * NsPerMs;
        _sigma = options.Sigma;
        _random = new Random(options.Seed);
    }

    /// <summary>No latency at all: orders match on the book they were decided on, reports come back at once.</summary>
    public static LatencyModel None => new(new LatencyOptions { EntryMs = 0, ResponseMs = 0 });

    /// <summary>True when both legs are always zero: the exchange matches and answers at once.</summary>
    public bool IsZero => _entryNs == 0 && _responseNs == 0;

    public long NextEntryNs() => Draw(_entryNs);

    public long NextResponseNs() => Draw(_responseNs);

    private long Draw(double medianNs)
    {
        if (medianNs == 0)
        {
            return 0;
        }

        double ns = _distribution switch
        {
            LatencyDistribution.Uniform => medianNs + (_jitterNs * _random.NextDouble()),
            LatencyDistribution.LogNormal => medianNs * Math.Exp(_sigma * StandardNormal()),
            _ => medianNs,
        };
        return (long)Math.Round(ns);
    }

    private double StandardNormal()
    {
        // Box-Muller; 1 - u keeps the logarithm finite.
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private enum LatencyDistribution : byte
    {
        Constant,
        Uniform,
        LogNormal,
    }
}
