using System.Globalization;
using FlashTrader.Core.Indicators;
using FlashTrader.Tests.Shared;

namespace FlashTrader.Core.Tests.TestData;

/// <summary>The shared Binance.US BTCUSDC 1-minute bars (2023-03-01 .. 03-21), parsed once.</summary>
public static class BtcUsdcMinuteBars
{
    private static readonly Lazy<Bar[]> All = new(Load);

    public static string CsvPath => SharedFolder.File("data", "binanceus-1m-btcusdc-2023-03", "BTCUSDC_1m_20230301_20230321.csv");

    /// <summary>All 30,240 bars.</summary>
    public static Bar[] Bars => All.Value;

    /// <summary>The first 3000 bars: the input of the TA-Lib golden files.</summary>
    public static Bar[] GoldenBars => All.Value[..3000];

    private static Bar[] Load()
    {
        var bars = new List<Bar>(30_240);
        foreach (string line in File.ReadLines(CsvPath).Skip(1))
        {
            string[] f = line.Split(',');
            long time = (DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
            bars.Add(new Bar(
                time,
                double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture)));
        }

        return [.. bars];
    }

    public static double[] Column(this Bar[] bars, Func<Bar, double> select) => bars.Select(select).ToArray();
}
