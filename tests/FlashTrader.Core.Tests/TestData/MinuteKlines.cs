using System.Globalization;
using FlashTrader.Core.Candles;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Tests.TestData;

/// <summary>The shared BTCUSDC minute bars as exact exchange klines (flat when the volume is 0).</summary>
public static class MinuteKlines
{
    public static IEnumerable<Candle> Read(int count)
    {
        foreach (string line in File.ReadLines(BtcUsdcMinuteBars.CsvPath).Skip(1).Take(count))
        {
            string[] f = line.Split(',');
            long time = (DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
            Fixed8 volume = P(f[5]);
            yield return new Candle(time, Timeframe.OneMinute, P(f[1]), P(f[2]), P(f[3]), P(f[4]), volume, 0, volume.IsZero);
        }
    }

    public static Fixed8 P(string text) => Fixed8.TryParse(text.AsSpan(), out var v) ? v : throw new FormatException(text);
}
