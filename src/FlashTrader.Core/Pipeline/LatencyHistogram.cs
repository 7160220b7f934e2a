namespace FlashTrader.Core.Pipeline;

/// <summary>
/// Latency percentiles without allocation: 1 µs buckets up to 10 ms, 100 µs buckets up to 1 s, then one overflow
/// bucket; the exact maximum is kept aside.
/// </summary>
public sealed class LatencyHistogram
{
    private const int FineBuckets = 10_000;        // 0..10 ms at 1 µs
    private const int CoarseBuckets = 9_900;       // 10 ms..1 s at 100 µs
    private readonly long[] _counts = new long[FineBuckets + CoarseBuckets + 1];

    public long Count { get; private set; }

    public double MaxMicros { get; private set; }

    public void Record(double micros)
    {
        if (micros < 0 || double.IsNaN(micros))
        {
            micros = 0;
        }

        int bucket = micros < FineBuckets
            ? (int)micros
            : micros < 1_000_000 ? FineBuckets + (int)((micros - FineBuckets) / 100) : FineBuckets + CoarseBuckets;
        _counts[bucket]++;
        Count++;
        if (micros > MaxMicros)
        {
            MaxMicros = micros;
        }
    }

    /// <summary>The upper edge of the bucket holding the given percentile (0..100), in µs; 0 when empty.</summary>
    public double Percentile(double percent)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = (long)Math.Ceiling(percent / 100 * Count);
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                double upper = i < FineBuckets ? i + 1 : i < FineBuckets + CoarseBuckets ? FineBuckets + ((i - FineBuckets + 1) * 100.0) : MaxMicros;
                return Math.Min(upper, MaxMicros);
            }
        }

        return MaxMicros;
    }

    public void Merge(LatencyHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
    }
}
