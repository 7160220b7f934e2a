using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Benchmarks;

/// <summary>
/// The paper exchange's matching model on a 20-level BTCUSDC book, default fill model (5 ms each way, risk-averse queue).
/// <see cref="TakerFills"/>: market orders walking three levels each way, the top levels refreshed by a depth diff
/// before each pair so there is always liquidity to take (per operation: one diff, two orders, six fills).
/// <see cref="EventsWithRestingQueue"/>: depth diffs and trades moving the queue ahead of two resting orders, with a
/// market order in flight every tenth event (per operation: one event): the bytes/event target is 0.
/// </summary>
[MemoryDiagnoser]
public class FillModelBenchmarks
{
    private const int Operations = 10_000;
    private readonly List<ExecutionReport> _reports = new(256);
    private PaperExchange _exchange = null!;
    private DepthLevels[] _refresh = [];
    private MarketEvent[] _tape = [];
    private long _updateId;
    private long _orderId;
    private long _timeNs;

    [GlobalSetup]
    public void Setup()
    {
        // Alternating sizes: each refresh is a new state of the top levels, offered afresh.
        _refresh = [.. new[] { 1, 2 }.Select(size =>
        {
            var levels = new DepthLevels(8);
            for (int i = 0; i < 3; i++)
            {
                levels.AddBid(new PriceLevel(Fixed8.FromLong(60_000 - i), Fixed8.FromLong(size)));
                levels.AddAsk(new PriceLevel(Fixed8.FromLong(60_001 + i), Fixed8.FromLong(size)));
            }

            return levels;
        })];

        _tape = [.. Enumerable.Range(0, 40).Select(Tape)];
        _exchange = NewExchange();
    }

    [IterationSetup]
    public void Fresh()
    {
        _exchange = NewExchange();
        _reports.Clear();
        _exchange.Submit(Order(Side.Buy, OrderType.Limit, TimeInForce.Gtc, 59_990, 1), _exchange.LastSeenNs, _reports);
        _exchange.Submit(Order(Side.Sell, OrderType.Limit, TimeInForce.Gtc, 60_011, 1), _exchange.LastSeenNs, _reports);
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long TakerFills()
    {
        long before = _exchange.FillCount;
        for (int i = 0; i < Operations; i++)
        {
            _reports.Clear();
            Advance(MarketEvent.DepthDiff(0, _timeNs, _timeNs, ++_updateId, _updateId, _refresh[i % 2]));
            _exchange.Submit(Order(Side.Buy, OrderType.Market, TimeInForce.Ioc, 0, 3), _exchange.LastSeenNs, _reports);
            _exchange.Submit(Order(Side.Sell, OrderType.Market, TimeInForce.Ioc, 0, 3), _exchange.LastSeenNs, _reports);
        }

        return _exchange.FillCount - before;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long EventsWithRestingQueue()
    {
        for (int i = 0; i < Operations; i++)
        {
            _reports.Clear();
            MarketEvent ev = _tape[i % _tape.Length];
            Advance(ev.Kind == MarketEventKind.Trade
                ? MarketEvent.Trade(0, _timeNs, _timeNs, ev.Price, ev.Quantity, ev.Side, i)
                : MarketEvent.DepthDiff(0, _timeNs, _timeNs, ++_updateId, _updateId, ev.Levels));
            if (i % 10 == 0)
            {
                _exchange.Submit(Order(i % 20 == 0 ? Side.Buy : Side.Sell, OrderType.Market, TimeInForce.Ioc, 0, 0.01m), _exchange.LastSeenNs, _reports);
            }
        }

        return _exchange.FillCount;
    }

    private void Advance(in MarketEvent ev)
    {
        _exchange.OnMarketEvent(ev, _reports);
        _timeNs += 1_000_000;
    }

    private PaperExchange NewExchange()
    {
        var pair = new TradingPairOptions
        {
            Symbol = "BTCUSDC",
            BaseAsset = "BTC",
            QuoteAsset = "USDC",
            MinOrderSize = 0.001m,
            MinNotional = 1m,
            PricePrecision = 2,
            QuantityPrecision = 6,
            MaxPosition = 1_000m,
        };
        var paper = new PaperTradingOptions
        {
            InitialBalance = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["USDC"] = 90_000_000_000m, ["BTC"] = 1_000_000m },
            SimulateSlippage = false,
        };
        var exchange = new PaperExchange(new InstrumentSet([pair]), paper, new ExecutionOptions());
        var book = new DepthLevels(64);
        for (int i = 0; i < 20; i++)
        {
            book.AddBid(new PriceLevel(Fixed8.FromLong(60_000 - i), Fixed8.FromLong(2)));
            book.AddAsk(new PriceLevel(Fixed8.FromLong(60_001 + i), Fixed8.FromLong(2)));
        }

        _timeNs = 1_723_161_253_000_000_000;
        _updateId = 100;
        exchange.OnMarketEvent(MarketEvent.DepthSnapshot(0, _timeNs, _timeNs, _updateId, book), _reports);
        return exchange;
    }

    private static MarketEvent Tape(int i)
    {
        if (i % 2 == 1)
        {
            return MarketEvent.Trade(0, 0, 0, Fixed8.FromLong(i % 4 == 1 ? 59_990 : 60_011), Fixed8.Parse("0.05"), i % 4 == 1 ? Side.Sell : Side.Buy, i);
        }

        var levels = new DepthLevels(4);
        levels.AddBid(new PriceLevel(Fixed8.FromLong(59_990), Fixed8.FromLong(2 + (i % 3))));
        levels.AddAsk(new PriceLevel(Fixed8.FromLong(60_011), Fixed8.FromLong(2 + (i % 5))));
        return MarketEvent.DepthDiff(0, 0, 0, 0, 0, levels);
    }

    private OrderRequest Order(Side side, OrderType type, TimeInForce tif, long price, decimal quantity) =>
        new(++_orderId, 0, side, type, tif, Fixed8.FromLong(price), Fixed8.FromDecimal(quantity), OrderPurpose.Entry, -1, 1, _timeNs, _orderId, 0);
}
