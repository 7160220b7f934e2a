namespace FlashTrader.Mexc.Frames;

/// <summary>MEXC's kline interval names (Min1..Month1) and their lengths in seconds.</summary>
public static class KlineInterval
{
    /// <summary>The nominal month (30 days) used when a Month1 bar's own window is unknown.</summary>
    public const long NominalMonthSeconds = 30 * 86_400;

    /// <summary>
    /// The bar length for an interval name; Month1 has no fixed length, so it is 0 here and the caller uses the
    /// bar's windowEnd - windowStart (or <see cref="NominalMonthSeconds"/>).
    /// </summary>
    public static bool TryGetSeconds(ReadOnlySpan<byte> name, out long seconds)
    {
        seconds = name switch
        {
            _ when name.SequenceEqual("Min1"u8) => 60,
            _ when name.SequenceEqual("Min5"u8) => 300,
            _ when name.SequenceEqual("Min15"u8) => 900,
            _ when name.SequenceEqual("Min30"u8) => 1_800,
            _ when name.SequenceEqual("Min60"u8) => 3_600,
            _ when name.SequenceEqual("Hour4"u8) => 14_400,
            _ when name.SequenceEqual("Hour8"u8) => 28_800,
            _ when name.SequenceEqual("Day1"u8) => 86_400,
            _ when name.SequenceEqual("Week1"u8) => 604_800,
            _ when name.SequenceEqual("Month1"u8) => 0,
            _ => -1,
        };
        return seconds >= 0;
    }

    /// <summary>The interval name for a bar length; lengths of 28 to 31 days are Month1.</summary>
    public static bool TryGetName(long seconds, out ReadOnlySpan<byte> name)
    {
        name = seconds switch
        {
            60 => "Min1"u8,
            300 => "Min5"u8,
            900 => "Min15"u8,
            1_800 => "Min30"u8,
            3_600 => "Min60"u8,
            14_400 => "Hour4"u8,
            28_800 => "Hour8"u8,
            86_400 => "Day1"u8,
            604_800 => "Week1"u8,
            >= 28 * 86_400 and <= 31 * 86_400 => "Month1"u8,
            _ => default,
        };
        return !name.IsEmpty;
    }
}
