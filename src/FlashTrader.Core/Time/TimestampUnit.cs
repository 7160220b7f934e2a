namespace FlashTrader.Core.Time;

/// <summary>The unit an epoch timestamp was written in.</summary>
public enum TimestampUnit
{
    Seconds,
    Milliseconds,
    Microseconds,
    Nanoseconds,
}

/// <summary>
/// Detects the unit of an epoch timestamp by its magnitude, never by assumption: sources write s, ms, µs or ns.
/// Dates between 1973 and 2286 are unambiguous: each unit's range is 1000x the previous one's.
/// </summary>
public static class EpochTimestamp
{
    // Bounds: 1e8 s is 1973-03-03, 1e11 s is 5138; the ranges below do not overlap for plausible market data.
    private const long MinSeconds = 100_000_000L;          // 1973
    private const long MaxSeconds = 10_000_000_000L;       // 2286

    public static TimestampUnit DetectUnit(long value)
    {
        long abs = Math.Abs(value);
        if (abs < MinSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "too small to be an epoch timestamp after 1973 in any unit");
        }

        if (abs < MaxSeconds)
        {
            return TimestampUnit.Seconds;
        }

        if (abs < MaxSeconds * 1000)
        {
            return TimestampUnit.Milliseconds;
        }

        if (abs < MaxSeconds * 1_000_000)
        {
            return TimestampUnit.Microseconds;
        }

        return TimestampUnit.Nanoseconds;
    }

    /// <summary>Converts an epoch timestamp of any unit to Unix nanoseconds, detecting the unit.</summary>
    public static long ToUnixNanoseconds(long value) => ToUnixNanoseconds(value, DetectUnit(value));

    public static long ToUnixNanoseconds(long value, TimestampUnit unit) => unit switch
    {
        TimestampUnit.Seconds => checked(value * 1_000_000_000L),
        TimestampUnit.Milliseconds => checked(value * 1_000_000L),
        TimestampUnit.Microseconds => checked(value * 1_000L),
        _ => value,
    };

    /// <summary>Fractional epoch seconds such as "1582329602.111" (some CSVs write them).</summary>
    public static long SecondsWithFractionToUnixNanoseconds(decimal seconds) => (long)decimal.Round(seconds * 1_000_000_000m);

    public static DateTimeOffset ToDateTimeOffset(long unixNs) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixNs / 100);

    public static long FromDateTimeOffset(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>ISO-8601 UTC with the full available precision (100 ns ticks), e.g. 2024-08-08T23:54:13.9370857Z.</summary>
    public static string ToIso8601(long unixNs) => ToDateTimeOffset(unixNs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
