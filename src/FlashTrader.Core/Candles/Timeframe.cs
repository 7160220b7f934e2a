namespace FlashTrader.Core.Candles;

/// <summary>A candle length; candles are aligned to multiples of it since the Unix epoch (UTC boundaries).</summary>
public readonly record struct Timeframe
{
    public const long NanosPerMinute = 60_000_000_000L;

    public Timeframe(long durationNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(durationNs, 1);
        DurationNs = durationNs;
    }

    public static Timeframe OneMinute { get; } = new(NanosPerMinute);

    public static Timeframe FiveMinutes { get; } = new(5 * NanosPerMinute);

    public static Timeframe FifteenMinutes { get; } = new(15 * NanosPerMinute);

    public static Timeframe OneHour { get; } = new(60 * NanosPerMinute);

    public long DurationNs { get; }

    /// <summary>Start of the candle containing <paramref name="timeNs"/> (floors, also before 1970).</summary>
    public long OpenTimeOf(long timeNs)
    {
        long r = timeNs % DurationNs;
        return r >= 0 ? timeNs - r : timeNs - r - DurationNs;
    }

    /// <summary>True when every candle of <paramref name="smaller"/> lies inside one candle of this timeframe.</summary>
    public bool IsMultipleOf(Timeframe smaller) => DurationNs % smaller.DurationNs == 0;

    public override string ToString() => DurationNs % (60 * NanosPerMinute) == 0
        ? $"{DurationNs / (60 * NanosPerMinute)}h"
        : DurationNs % NanosPerMinute == 0 ? $"{DurationNs / NanosPerMinute}m" : $"{DurationNs}ns";
}
