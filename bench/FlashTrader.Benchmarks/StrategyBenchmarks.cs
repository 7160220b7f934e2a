using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies;
using FlashTrader.Core.Strategies.Expressions;
using Microsoft.Extensions.Configuration;

namespace FlashTrader.Benchmarks;

/// <summary>
/// Strategy evaluation costs. Expression benchmarks: ns and bytes for one evaluation of a compiled rule.
/// Per-event benchmarks: the bundled sample's 179,318 ticks (features from MarketState, computed once in setup)
/// through a strategy's Track and TryEvaluate, per tick: the JSON imbalance strategy next to the built-in it
/// re-expresses, and the shipped momentum-1m (three indicators, confirmation, noise filter, sessions).
/// </summary>
[MemoryDiagnoser]
public class StrategyBenchmarks
{
    private const int TickCount = 179_318;

    private MarketTick[] _ticks = [];
    private double[] _slots = [];
    private double[] _state = [];
    private ExpressionProgram _simple = null!;
    private ExpressionProgram _complex = null!;
    private JsonSignalStrategy _jsonImbalance = null!;
    private JsonSignalStrategy _momentum1m = null!;
    private ImbalanceStrategy _builtInImbalance = null!;

    [GlobalSetup]
    public void Setup()
    {
        string root = BenchData.RepositoryRoot();
        var options = new FlashTraderOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "config", "appsettings.json")).Build().Bind(options);
        var instruments = new InstrumentSet(options.TradingPairs);
        var market = new MarketState(instruments, options.SignalGeneration);
        _ticks = [.. BenchData.LoadSample().Select(ev => market.Apply(ev, 0))];
        if (_ticks.Length != TickCount)
        {
            throw new InvalidOperationException($"sample has {_ticks.Length} events, expected {TickCount}");
        }

        var slots = new Dictionary<string, int>(StringComparer.Ordinal) { ["rsi14"] = 0, ["imbalance"] = 1, ["ema5"] = 2, ["ema20"] = 3, ["macd.macd"] = 4, ["macd.signal"] = 5 };
        _slots = [25, 0.3, 101, 100, 0.5, 0.4];
        _simple = ExpressionCompiler.Compile("rsi14 < 30 && imbalance > 0.2 && ema5 > ema20", slots);
        _complex = ExpressionCompiler.Compile("(cross_above(macd.macd, macd.signal) || rsi14 < 30) && clamp(abs(imbalance) * 2, 0, 1) > max(0.2, (ema5 - ema20) / ema20 * 100)", slots);
        _state = _complex.NewState();
        string[] symbols = [.. instruments.All.Select(i => i.Symbol)];
        _jsonImbalance = new JsonSignalStrategy(Load(root, "imbalance.json"), symbols, new StrategyCatalog());
        _momentum1m = new JsonSignalStrategy(Load(root, "momentum-1m.json"), symbols, new StrategyCatalog());
        _builtInImbalance = new ImbalanceStrategy(options.SignalGeneration.ImbalanceThreshold);
    }

    [Benchmark]
    public double SimpleExpression() => _simple.Evaluate(_slots, default);

    [Benchmark]
    public double ComplexExpression() => _complex.Evaluate(_slots, _state);

    [Benchmark(OperationsPerInvoke = TickCount)]
    public int BuiltInImbalancePerEvent()
    {
        int signals = 0;
        foreach (ref readonly MarketTick tick in _ticks.AsSpan())
        {
            if (tick.Features.Tradeable && _builtInImbalance.TryEvaluate(tick, out _))
            {
                signals++;
            }
        }

        return signals;
    }

    [Benchmark(OperationsPerInvoke = TickCount)]
    public int JsonImbalancePerEvent() => Run(_jsonImbalance);

    [Benchmark(OperationsPerInvoke = TickCount)]
    public int JsonMomentum1mPerEvent() => Run(_momentum1m);

    private int Run(JsonSignalStrategy strategy)
    {
        int signals = 0;
        foreach (ref readonly MarketTick tick in _ticks.AsSpan())
        {
            strategy.Track(tick);
            if (tick.Features.Tradeable && strategy.TryEvaluate(tick, out _))
            {
                signals++;
            }
        }

        return signals;
    }

    private static CompiledStrategy Load(string root, string file)
    {
        string path = Path.Combine(root, "config", "strategies", file);
        return CompiledStrategy.Compile(StrategyJsonLoader.Load(File.ReadAllBytes(path), path), SessionCalendar.Default);
    }
}
