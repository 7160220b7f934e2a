using System.Globalization;

namespace FlashTrader.Core.Sessions;

/// <summary>
/// A trading session as a daily UTC window [Start, End): active from Start inclusive to End exclusive. A window whose
/// end is not after its start wraps past midnight (e.g. 22:00-07:00). Offsets are nanoseconds after UTC midnight.
/// </summary>
public readonly record struct SessionWindow(string Name, long StartNs, long EndNs)
{
    public const long NanosPerDay = 86_400_000_000_000L;
    private const long NanosPerMinute = 60_000_000_000L;

    public bool WrapsMidnight => EndNs <= StartNs;

    /// <summary>True when <paramref name="timeOfDayNs"/> (0 .. one day) lies in the window.</summary>
    public bool Contains(long timeOfDayNs) => WrapsMidnight
        ? timeOfDayNs >= StartNs || timeOfDayNs < EndNs
        : timeOfDayNs >= StartNs && timeOfDayNs < EndNs;

    /// <summary>Parses "HH:mm-HH:mm" (24:00 allowed as an end); false with a reason when malformed.</summary>
    public static bool TryParse(string name, string text, out SessionWindow window, out string problem)
    {
        window = default;
        string[] parts = text.Split('-');
        if (parts.Length != 2 || !TryParseTime(parts[0].Trim(), out long start) || !TryParseTime(parts[1].Trim(), out long end))
        {
            problem = $"'{text}' is not a UTC window: expected HH:mm-HH:mm, e.g. 07:00-16:00";
            return false;
        }

        if (start == NanosPerDay || start == end)
        {
            problem = $"'{text}' is empty or starts at 24:00: a session needs a start before its end (or wraps past midnight)";
            return false;
        }

        window = new SessionWindow(name, start, end);
        problem = string.Empty;
        return true;
    }

    public override string ToString() => $"{Name} {Format(StartNs)}-{Format(EndNs)}";

    private static bool TryParseTime(string text, out long ns)
    {
        ns = 0;
        if (text.Length != 5 || text[2] != ':' ||
            !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int h) ||
            !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int m) ||
            m > 59 || h > 24 || (h == 24 && m != 0))
        {
            return false;
        }

        ns = ((h * 60L) + m) * NanosPerMinute;
        return true;
    }

    private static string Format(long ns) => $"{ns / (60 * NanosPerMinute):00}:{ns / NanosPerMinute % 60:00}";
}
