using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Storage.State;

namespace FlashTrader.Benchmarks;

/// <summary>
/// The journal's cost per fill: one event's commit as the exchange stage makes it (the decision, its NEW-and-FILLED
/// transition, the fill, the account state of two pairs and the replay position) in one WAL transaction.
/// </summary>
[MemoryDiagnoser]
public class StateStoreBenchmarks : IDisposable
{
    private readonly InstrumentSet _instruments = new([
        new TradingPairOptions { Symbol = "BTCUSDC", BaseAsset = "BTC", QuoteAsset = "USDC", MinOrderSize = 0.001m, MaxPosition = 1m },
        new TradingPairOptions { Symbol = "ETHUSDC", BaseAsset = "ETH", QuoteAsset = "USDC", MinOrderSize = 0.01m, MaxPosition = 1m },
    ]);

    private readonly List<JournaledDecision> _decision = new(1);
    private readonly List<ExecutionReport> _reports = new(1);
    private string _directory = "";
    private PaperStateStore? _store;
    private PaperExchangeState? _state;
    private long _id;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "flashtrader-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _store = new PaperStateStore(Path.Combine(_directory, "paper.db"));
        _store.Reset(new Dictionary<string, decimal>(StringComparer.Ordinal) { ["USDC"] = 10_000m, ["BTC"] = 0m, ["ETH"] = 0m });
        _state = new PaperExchangeState
        {
            Balances = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal) { ["USDC"] = (8_749.99m, 0m), ["BTC"] = (0.020833m, 0m), ["ETH"] = (0m, 0m) },
            Positions = new Dictionary<string, (Fixed8, decimal)>(StringComparer.Ordinal) { ["BTCUSDC"] = (Fixed8.Parse("0.020833"), 1_249.98020833m), ["ETHUSDC"] = (Fixed8.Zero, 0m) },
            OpenOrders = [],
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    public void Dispose()
    {
        _store?.Dispose();
        _store = null;
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public void CommitOneFill()
    {
        long id = ++_id;
        var order = new OrderRequest(id, 0, Side.Buy, OrderType.Limit, TimeInForce.Ioc, Fixed8.Parse("60000.01"), Fixed8.Parse("0.020833"), OrderPurpose.Entry, -1, 1,
            1_723_161_253_000_000_000 + id, id, 0);
        _decision.Clear();
        _decision.Add(new JournaledDecision(order, RejectReason.None));
        _reports.Clear();
        _reports.Add(new ExecutionReport(id, 0, Side.Buy, OrderStatus.Filled, OrderPurpose.Entry, RejectReason.None, id, order.Price, order.Quantity, 0m,
            Liquidity.Taker, order.Quantity, order.Quantity, order.DecisionTimeNs, id));
        _store!.Commit(_state!, id + 1, new ReplayMark("sample.ftrec:1", id), _decision, _reports, _instruments);
    }
}
