using BenchmarkDotNet.Attributes;
using FlashTrader.Backtesting;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Optimisation;

namespace FlashTrader.Benchmarks;

/// <summary>
/// The backtester over the largest shared recording (the bundled sample: the shared Binance spot BTC/ETH L2 set,
/// 179,318 events), shipped configuration and strategies. <see cref="Backtest"/> and <see cref="Trial"/> run the engine
/// on the events decoded once into memory (what NautilusTrader's figure and the optimiser's repeated trials measure):
/// <see cref="Backtest"/> keeps the report's detail (fills, trips, equity and price points), <see cref="Trial"/> is an
/// optimiser trial (metrics only). <see cref="BacktestFromRecording"/> also decodes the recording, as one
/// <c>backtest</c> command does. <see cref="OptimiserTrials"/> runs 8 grid trials on all cores: trials/s = 8 / its mean time.
/// </summary>
[MemoryDiagnoser]
public class BacktestBenchmarks
{
    private const int EventCount = 179_318;
    private MarketTape? _tape;
    private FlashTraderOptions _options = new();
    private BacktestSetup? _setup;
    private ParameterSpace? _space;
    private string _recording = "";

    [GlobalSetup]
    public void Setup()
    {
        string root = BenchData.RepositoryRoot();
        Directory.SetCurrentDirectory(root);
        _setup = BacktestSetup.Create(null, ["PaperTrading:PersistState=false"], [], null);
        _options = _setup.Bind([]);
        _recording = Path.Combine(root, "samples", "binance-btc-eth-2024-08-08.ftrec");
        _tape = MarketTape.Load(_recording, new InstrumentSet(_options.TradingPairs));
        if (_tape.Count != EventCount)
        {
            throw new InvalidOperationException($"sample has {_tape.Count} events, expected {EventCount}");
        }

        _space = ParameterSpace.Parse("""{ "SignalGeneration:ImbalanceThreshold": [0.15, 0.2, 0.25, 0.3], "Execution:TakeProfitBps": [10, 20] }""", "bench");
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long Backtest() => new BacktestSimulation(_options, keepDetail: true).Run(_tape!, BacktestWindow.Whole(_tape!)).Metrics.Fills;

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long BacktestFromRecording()
    {
        var tape = MarketTape.Load(_recording, new InstrumentSet(_options.TradingPairs));
        return new BacktestSimulation(_options, keepDetail: true).Run(tape, BacktestWindow.Whole(tape)).Metrics.Fills;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long Trial() => new BacktestSimulation(_options, keepDetail: false).Run(_tape!, BacktestWindow.Whole(_tape!)).Metrics.Fills;

    [Benchmark]
    public long OptimiserTrials()
    {
        var plan = new TrialPlan(_space!, null, 1);
        var runner = new TrialRunner(_setup!, _space!, _tape!, "sharpe", Environment.ProcessorCount);
        long fills = 0;
        runner.Run(plan.Count, k => plan[k], BacktestWindow.Whole(_tape!), o => fills += o.Metrics.Fills);
        return fills;
    }
}
