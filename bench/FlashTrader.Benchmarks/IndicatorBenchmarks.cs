using System.Globalization;
using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Indicators.Patterns;

namespace FlashTrader.Benchmarks;

/// <summary>
/// Each indicator over the 30,240 shared BTCUSDC minute bars: Streaming reports ns and bytes per update (through
/// IBarIndicator, as the spec runner uses them); Batch reports one static Compute over all rows, comparable with
/// TA-Lib's batch timings in tools/talib-golden/timings.json (same names).
/// </summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private const int Rows = 30_240;

    private static readonly Dictionary<string, string> Specs = new()
    {
        ["sma_20"] = "sma(20)",
        ["ema_20"] = "ema(20)",
        ["wma_20"] = "wma(20)",
        ["rsi_14"] = "rsi(14)",
        ["macd_12_26_9"] = "macd(12,26,9)",
        ["bbands_20_2"] = "bbands(20,2)",
        ["atr_14"] = "atr(14)",
        ["stoch_14_3_3"] = "stoch(14,3,3)",
        ["cci_20"] = "cci(20)",
        ["obv"] = "obv",
        ["mfi_14"] = "mfi(14)",
        ["adx_14"] = "adx(14)",
        ["cdldoji"] = "doji",
        ["cdlhammer"] = "hammer",
        ["cdlshootingstar"] = "shootingstar",
        ["cdlengulfing"] = "engulfing",
    };

    private Bar[] _bars = [];
    private double[] _open = [];
    private double[] _high = [];
    private double[] _low = [];
    private double[] _close = [];
    private double[] _volume = [];
    private double[] _out1 = [];
    private double[] _out2 = [];
    private double[] _out3 = [];
    private IBarIndicator _indicator = null!;

    [ParamsSource(nameof(Names))]
    public string Indicator { get; set; } = "sma_20";

    public static IEnumerable<string> Names => Specs.Keys;

    [GlobalSetup]
    public void Setup()
    {
        _bars = LoadBars();
        _open = _bars.Select(b => b.Open).ToArray();
        _high = _bars.Select(b => b.High).ToArray();
        _low = _bars.Select(b => b.Low).ToArray();
        _close = _bars.Select(b => b.Close).ToArray();
        _volume = _bars.Select(b => b.Volume).ToArray();
        _out1 = new double[Rows];
        _out2 = new double[Rows];
        _out3 = new double[Rows];
        _indicator = IndicatorSpec.Parse(Specs[Indicator]).Items[0].CreateIndicator();
        foreach (var bar in _bars)
        {
            _indicator.Update(bar); // warm: measured updates are steady-state ones
        }
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double Streaming()
    {
        IBarIndicator indicator = _indicator;
        Bar[] bars = _bars;
        double sum = 0;
        for (int i = 0; i < bars.Length; i++)
        {
            indicator.Update(bars[i]);
            sum += indicator.GetOutput(0);
        }

        return sum;
    }

    [Benchmark]
    public double Batch()
    {
        switch (Indicator)
        {
            case "sma_20": Sma.Compute(_close, _out1, 20); break;
            case "ema_20": Ema.Compute(_close, _out1, 20); break;
            case "wma_20": Wma.Compute(_close, _out1, 20); break;
            case "rsi_14": Rsi.Compute(_close, _out1, 14); break;
            case "macd_12_26_9": Macd.Compute(_close, _out1, _out2, _out3, 12, 26, 9); break;
            case "bbands_20_2": BollingerBands.Compute(_close, _out1, _out2, _out3, 20, 2, 2); break;
            case "atr_14": Atr.Compute(_high, _low, _close, _out1, 14); break;
            case "stoch_14_3_3": Stochastic.Compute(_high, _low, _close, _out1, _out2, 14, 3, 3); break;
            case "cci_20": Cci.Compute(_high, _low, _close, _out1, 20); break;
            case "obv": Obv.Compute(_close, _volume, _out1); break;
            case "mfi_14": Mfi.Compute(_high, _low, _close, _volume, _out1, 14); break;
            case "adx_14": Adx.Compute(_high, _low, _close, _out1, 14); break;
            case "cdldoji": Doji.Compute(_open, _high, _low, _close, _out1); break;
            case "cdlhammer": Hammer.Compute(_open, _high, _low, _close, _out1); break;
            case "cdlshootingstar": ShootingStar.Compute(_open, _high, _low, _close, _out1); break;
            case "cdlengulfing": Engulfing.Compute(_open, _high, _low, _close, _out1); break;
            default: throw new InvalidOperationException(Indicator);
        }

        return _out1[^1];
    }

    private static Bar[] LoadBars()
    {
        string path = Path.Combine(SharedDirectory(), "data", "binanceus-1m-btcusdc-2023-03", "BTCUSDC_1m_20230301_20230321.csv");
        return File.ReadLines(path).Skip(1).Select(line =>
        {
            string[] f = line.Split(',');
            long t = (DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
            return new Bar(t, P(f[1]), P(f[2]), P(f[3]), P(f[4]), P(f[5]));
        }).ToArray();

        static double P(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    private static string SharedDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string inside = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(inside, "data")))
            {
                return inside;
            }
        }

        throw new DirectoryNotFoundException($"no 'shared/data' folder above {AppContext.BaseDirectory}");
    }
}
