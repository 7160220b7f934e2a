using System.Globalization;
using FlashTrader.Core.Candles;

namespace FlashTrader.Core.Strategies;

/// <summary>Timeframes as strategies write them: a whole number of minutes ("1m", "15m") or hours ("1h", "4h").</summary>
public static class StrategyTimeframes
{
    public static bool TryParse(string text, out Timeframe timeframe)
    {
        timeframe = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1 || count > 24 * 60)
        {
            return false;
        }

        long minutes = text[^1] switch { 'm' => count, 'h' => count * 60L, _ => 0 };
        if (minutes == 0)
        {
            return false;
        }

        timeframe = new Timeframe(minutes * Timeframe.NanosPerMinute);
        return true;
    }
}
