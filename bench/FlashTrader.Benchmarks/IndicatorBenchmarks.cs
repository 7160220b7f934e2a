using System.Globalization;
using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Indicators.Patterns;

namespace FlashTrader.Benchmarks;

/// <summary>
/// Each indicator over the 30,240 shared BTCUSDC minute bars, on a warm indicator: Streaming reports ns and bytes
/// per update through IBarIndicator (Update + GetOutput, as the spec runner and the strategies use them);
/// StreamingTyped the same updates through each class's own typed Update (no interface dispatch; the struct-
/// constrained driver lets the JIT inline it into the loop); Batch one static Compute over all rows. Per update
/// figures compare with TA-Lib's batch ns per row in tools/talib-golden/timings.json (same names).
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
    private Func<Bar[], double> _typed = null!;

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

        _typed = TypedDriver(Indicator);
        _typed(_bars);
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

    [Benchmark(OperationsPerInvoke = Rows)]
    public double StreamingTyped() => _typed(_bars);

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

    // One delegate call per 30,240 updates; inside it each update is a direct, inlinable call.
    private static Func<Bar[], double> TypedDriver(string name)
    {
        switch (name)
        {
            case "sma_20": { var x = new Sma(20); return bars => Drive(new SmaStep(x), bars); }
            case "ema_20": { var x = new Ema(20); return bars => Drive(new EmaStep(x), bars); }
            case "wma_20": { var x = new Wma(20); return bars => Drive(new WmaStep(x), bars); }
            case "rsi_14": { var x = new Rsi(14); return bars => Drive(new RsiStep(x), bars); }
            case "macd_12_26_9": { var x = new Macd(12, 26, 9); return bars => Drive(new MacdStep(x), bars); }
            case "bbands_20_2": { var x = new BollingerBands(20, 2, 2); return bars => Drive(new BollingerStep(x), bars); }
            case "atr_14": { var x = new Atr(14); return bars => Drive(new AtrStep(x), bars); }
            case "stoch_14_3_3": { var x = new Stochastic(14, 3, 3); return bars => Drive(new StochasticStep(x), bars); }
            case "cci_20": { var x = new Cci(20); return bars => Drive(new CciStep(x), bars); }
            case "obv": { var x = new Obv(); return bars => Drive(new ObvStep(x), bars); }
            case "mfi_14": { var x = new Mfi(14); return bars => Drive(new MfiStep(x), bars); }
            case "adx_14": { var x = new Adx(14); return bars => Drive(new AdxStep(x), bars); }
            case "cdldoji": { var x = new Doji(); return bars => Drive(new DojiStep(x), bars); }
            case "cdlhammer": { var x = new Hammer(); return bars => Drive(new HammerStep(x), bars); }
            case "cdlshootingstar": { var x = new ShootingStar(); return bars => Drive(new ShootingStarStep(x), bars); }
            case "cdlengulfing": { var x = new Engulfing(); return bars => Drive(new EngulfingStep(x), bars); }
            default: throw new InvalidOperationException(name);
        }
    }

    // Specialised per step type (a struct), so Step is a direct call the JIT inlines.
    private static double Drive<TStep>(TStep step, Bar[] bars)
        where TStep : struct, IStep
    {
        double sum = 0;
        for (int i = 0; i < bars.Length; i++)
        {
            sum += step.Step(in bars[i]);
        }

        return sum;
    }

    private interface IStep
    {
        double Step(in Bar bar);
    }

    private readonly struct SmaStep(Sma x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.Close);
    }

    private readonly struct EmaStep(Ema x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.Close);
    }

    private readonly struct WmaStep(Wma x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.Close);
    }

    private readonly struct RsiStep(Rsi x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.Close);
    }

    private readonly struct MacdStep(Macd x) : IStep
    {
        public double Step(in Bar bar)
        {
            x.Update(bar.Close);
            return x.MacdValue;
        }
    }

    private readonly struct BollingerStep(BollingerBands x) : IStep
    {
        public double Step(in Bar bar)
        {
            x.Update(bar.Close);
            return x.Upper;
        }
    }

    private readonly struct AtrStep(Atr x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.High, bar.Low, bar.Close);
    }

    private readonly struct StochasticStep(Stochastic x) : IStep
    {
        public double Step(in Bar bar)
        {
            x.Update(bar.High, bar.Low, bar.Close);
            return x.K;
        }
    }

    private readonly struct CciStep(Cci x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.High, bar.Low, bar.Close);
    }

    private readonly struct ObvStep(Obv x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.Close, bar.Volume);
    }

    private readonly struct MfiStep(Mfi x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.High, bar.Low, bar.Close, bar.Volume);
    }

    private readonly struct AdxStep(Adx x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.High, bar.Low, bar.Close);
    }

    private readonly struct DojiStep(Doji x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.Open, bar.High, bar.Low, bar.Close);
    }

    private readonly struct HammerStep(Hammer x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.Open, bar.High, bar.Low, bar.Close);
    }

    private readonly struct ShootingStarStep(ShootingStar x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.Open, bar.High, bar.Low, bar.Close);
    }

    private readonly struct EngulfingStep(Engulfing x) : IStep
    {
        public double Step(in Bar bar) => x.Update(bar.Open, bar.High, bar.Low, bar.Close);
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
