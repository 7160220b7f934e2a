using System.Globalization;
using System.IO.Compression;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

/// <summary>
/// TA-Lib's outputs on the first 3000 BTCUSDC minute bars, written by tools/talib-golden/generate.mjs:
/// one gzipped CSV per function, "index,&lt;outputs&gt;", empty before TA-Lib's first output (NaN here).
/// </summary>
public sealed class Golden
{
    private readonly Dictionary<string, double[]> _columns;

    private Golden(Dictionary<string, double[]> columns) => _columns = columns;

    public double[] this[string column] => _columns[column];

    public static Golden Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Indicators", "Golden", name + ".csv.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        string[] header = reader.ReadLine()!.Split(',');
        var values = header.Skip(1).Select(_ => new List<double>()).ToArray();
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            string[] f = line.Split(',');
            for (int c = 1; c < f.Length; c++)
            {
                values[c - 1].Add(f[c].Length == 0 ? double.NaN : double.Parse(f[c], CultureInfo.InvariantCulture));
            }
        }

        var columns = new Dictionary<string, double[]>();
        for (int c = 1; c < header.Length; c++)
        {
            columns[header[c]] = [.. values[c - 1]];
        }

        return new Golden(columns);
    }

    /// <summary>
    /// Asserts ours equals TA-Lib's at every index: NaN exactly where TA-Lib has no output (so the first output
    /// lands at TA-Lib's lookback), and within 1e-9 relative (1e-9 absolute near zero) elsewhere.
    /// </summary>
    public static void AssertMatches(ReadOnlySpan<double> actual, double[] expected, string what)
    {
        actual.Length.Should().Be(expected.Length, what);
        int firstExpected = Array.FindIndex(expected, v => !double.IsNaN(v));
        firstExpected.Should().BeGreaterThanOrEqualTo(0, $"{what}: golden has outputs");
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i];
            double a = actual[i];
            if (double.IsNaN(e))
            {
                double.IsNaN(a).Should().BeTrue($"{what}[{i}] is warm-up in TA-Lib (first output at {firstExpected}) but we gave {a}");
                continue;
            }

            double tolerance = Math.Max(1e-9, 1e-9 * Math.Abs(e));
            Math.Abs(a - e).Should().BeLessThanOrEqualTo(tolerance, $"{what}[{i}]: TA-Lib {e.ToString("R", CultureInfo.InvariantCulture)}, ours {a.ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    public static double[] Streamed(int length, Func<int, double> step)
    {
        var output = new double[length];
        for (int i = 0; i < length; i++)
        {
            output[i] = step(i);
        }

        return output;
    }

    public static Bar[] Bars => BtcUsdcMinuteBars.GoldenBars;
}
