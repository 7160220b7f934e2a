namespace FlashTrader.Mexc.Simulator.Market;

/// <summary>
/// MEXC's kline intervals: REST names (1m .. 1M, no 1h) and WebSocket names (Min1 .. Month1), and the window each
/// instant falls in (UTC; weeks start on Monday, months on the 1st).
/// </summary>
public static class KlineIntervals
{
    /// <summary>The REST names in order, with their WebSocket names.</summary>
    public static readonly IReadOnlyList<(string RestName, string StreamName)> All =
    [
        ("1m", "Min1"), ("5m", "Min5"), ("15m", "Min15"), ("30m", "Min30"), ("60m", "Min60"),
        ("4h", "Hour4"), ("8h", "Hour8"), ("1d", "Day1"), ("1W", "Week1"), ("1M", "Month1"),
    ];

    private const long MondayOffsetMs = 4 * 86_400_000L; // 1970-01-01 was a Thursday

    public static bool IsRestName(string name) => All.Any(i => i.RestName == name);

    public static bool IsStreamName(string name) => All.Any(i => i.StreamName == name);

    public static string RestNameOf(string streamName) => All.First(i => i.StreamName == streamName).RestName;

    /// <summary>The [open, close) window, in ms, of the interval that <paramref name="timeMs"/> falls in.</summary>
    public static (long Open, long Close) WindowOf(string restName, long timeMs)
    {
        switch (restName)
        {
            case "1M":
                var t = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
                var start = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero);
                return (start.ToUnixTimeMilliseconds(), start.AddMonths(1).ToUnixTimeMilliseconds());
            case "1W":
                long week = 7 * 86_400_000L;
                long open = timeMs - MathMod(timeMs - MondayOffsetMs, week);
                return (open, open + week);
            default:
                long length = LengthMs(restName);
                long o = timeMs - MathMod(timeMs, length);
                return (o, o + length);
        }
    }

    private static long LengthMs(string restName) => restName switch
    {
        "1m" => 60_000,
        "5m" => 300_000,
        "15m" => 900_000,
        "30m" => 1_800_000,
        "60m" => 3_600_000,
        "4h" => 14_400_000,
        "8h" => 28_800_000,
        "1d" => 86_400_000,
        _ => throw new ArgumentOutOfRangeException(nameof(restName), restName, "not a MEXC kline interval"),
    };

    private static long MathMod(long a, long m) => ((a % m) + m) % m;
}
