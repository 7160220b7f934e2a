using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Tests.Builders;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// The whole pipeline, shipped configuration, over the bundled real sample: Binance spot BTCUSDT and ETHUSDT,
/// 2024-08-08 23:54:13 to 2024-08-09 00:05:04 UTC, replayed as BTCUSDC and ETHUSDC.
/// </summary>
public sealed class SampleReplayTests
{
    private static readonly Lazy<IReadOnlyList<MarketEvent>> Sample = new(() => SampleRecording.Load(new InstrumentSet(SampleOptions.Create().TradingPairs)));

    private static (TradingPipeline Pipeline, List<ExecutionReport> Journal) Replay(Action<FlashTraderOptions>? configure = null)
    {
        FlashTraderOptions options = SampleOptions.Create();
        configure?.Invoke(options);
        var pipeline = new TradingPipeline(options);
        var journal = new List<ExecutionReport>();
        foreach (MarketEvent ev in Sample.Value)
        {
            pipeline.Process(ev, 0);
            journal.AddRange(pipeline.Exchange.Journal);
            pipeline.Exchange.Journal.Clear();
        }

        return (pipeline, journal);
    }

    [Fact]
    public void The_sample_holds_every_event_of_the_shared_capture()
    {
        // shared/data/README.md: BTC 99,574 lines (6,495 depth, 73,174 bookTicker, 19,904 trades and one snapshot); ETH 79,744 lines.
        var counts = Sample.Value.GroupBy(e => (e.SymbolId, e.Kind)).ToDictionary(g => g.Key, g => g.Count());

        counts.Should().BeEquivalentTo(new Dictionary<(int, MarketEventKind), int>
        {
            [(0, MarketEventKind.DepthSnapshot)] = 1,
            [(0, MarketEventKind.DepthDiff)] = 6_495,
            [(0, MarketEventKind.Trade)] = 19_904,
            [(0, MarketEventKind.BookTicker)] = 73_174,
            [(1, MarketEventKind.DepthSnapshot)] = 1,
            [(1, MarketEventKind.DepthDiff)] = 6_470,
            [(1, MarketEventKind.Trade)] = 14_515,
            [(1, MarketEventKind.BookTicker)] = 58_758,
        });
        counts.Where(c => c.Key.SymbolId == 1).Sum(c => c.Value).Should().Be(79_744);
    }

    [Fact]
    public void Both_books_stay_synchronized_through_the_whole_capture()
    {
        (TradingPipeline pipeline, _) = Replay();

        pipeline.MarketState.BookGaps.Should().Be(0);
        pipeline.MarketState.BookResyncs.Should().Be(0);
        foreach (SymbolMarket market in pipeline.MarketState.Markets)
        {
            market.Book.IsTradeable.Should().BeTrue();
            market.Book.DiffsApplied.Should().BeGreaterThan(6_000);
            market.Book.CrossedUpdates.Should().Be(0);
        }
    }

    [Fact]
    public void With_the_default_fill_model_the_sample_trades_exactly_as_the_hosted_binary_does()
    {
        // The same figures as the end-to-end acceptance test, which runs the threaded pipeline: the watermark wait
        // makes it decide on exactly what this synchronous driver knows, latency queues included.
        (TradingPipeline pipeline, List<ExecutionReport> journal) = Replay();
        PaperExchange exchange = pipeline.Exchange.Exchange;

        pipeline.Decision.Engine.Decisions.Should().Be(320);
        exchange.FillCount.Should().Be(293);
        exchange.RealizedPnl.Should().Be(18.98658223m);
        journal.Count(r => r.Status == OrderStatus.Canceled && r.RejectReason == RejectReason.NoLiquidity).Should().Be(27, "orders whose price the book had left by the time they arrived");
    }

    [Fact]
    public void The_naive_model_of_touch_fills_without_latency_trades_the_sample_more_often_and_books_more_profit()
    {
        (TradingPipeline pipeline, _) = Replay(o =>
        {
            o.Execution.Latency.EntryMs = 0;
            o.Execution.Latency.ResponseMs = 0;
            o.Execution.QueueModel = "Touch";
        });
        PaperExchange exchange = pipeline.Exchange.Exchange;

        pipeline.Decision.Engine.Decisions.Should().Be(532);
        exchange.FillCount.Should().Be(295);
        exchange.RealizedPnl.Should().Be(19.49376656m);
    }

    [Fact]
    public void The_synchronous_driver_matches_against_the_market_books_and_trades_exactly_as_replica_books_do()
    {
        (TradingPipeline shared, List<ExecutionReport> sharedJournal) = Replay();
        (TradingPipeline replica, List<ExecutionReport> replicaJournal) = ReplayThroughMessages();

        shared.Exchange.Exchange.BooksShared.Should().BeTrue();
        shared.Exchange.Exchange.Book(0).Should().BeSameAs(shared.MarketState[0].Book);
        replica.Exchange.Exchange.BooksShared.Should().BeFalse("stages handed messages, as the hosted services do, keep replica books");
        replica.Exchange.Exchange.Book(0).Should().NotBeSameAs(replica.MarketState[0].Book);
        replicaJournal.Should().HaveCount(sharedJournal.Count).And.Equal(sharedJournal);
        replica.Exchange.Exchange.Equity.Should().Be(shared.Exchange.Exchange.Equity);
    }

    /// <summary>The sample through the stages' message handlers, breadth-first as the hosted channels order them.</summary>
    private static (TradingPipeline Pipeline, List<ExecutionReport> Journal) ReplayThroughMessages()
    {
        var pipeline = new TradingPipeline(SampleOptions.Create());
        var journal = new List<ExecutionReport>();
        var toRisk = new List<TradingMessage>();
        var toExchange = new List<TradingMessage>();
        var feedback = new List<ExecutionFeedback>();
        var reports = new List<TradingMessage>();
        foreach (MarketEvent ev in Sample.Value)
        {
            MarketTick tick = pipeline.MarketState.Apply(ev, 0);
            toRisk.Clear();
            pipeline.Decision.OnTick(new SignalTick(tick, pipeline.Signals.Evaluate(tick)), toRisk);
            toExchange.Clear();
            toRisk.ForEach(m => pipeline.Risk.Handle(m, toExchange));
            feedback.Clear();
            toExchange.ForEach(m => pipeline.Exchange.Handle(m, feedback));
            reports.Clear();
            feedback.ForEach(f => pipeline.Decision.OnFeedback(f, reports));
            reports.ForEach(m => pipeline.Risk.Handle(m, toExchange));
            pipeline.Risk.Risk.TakeFlattenRequest(out _).Should().BeFalse("the shipped limits do not trip on the sample");
            journal.AddRange(pipeline.Exchange.Journal);
            pipeline.Exchange.Journal.Clear();
        }

        return (pipeline, journal);
    }

    [Fact]
    public void A_replay_is_deterministic()
    {
        (TradingPipeline first, List<ExecutionReport> firstJournal) = Replay();
        (TradingPipeline second, List<ExecutionReport> secondJournal) = Replay();

        firstJournal.Should().NotBeEmpty();
        secondJournal.Should().Equal(firstJournal);
        second.Exchange.Exchange.Equity.Should().Be(first.Exchange.Exchange.Equity);
    }

    [Fact]
    public void Every_stage_agrees_with_the_exchange_and_the_ledger_identity_holds_exactly()
    {
        (TradingPipeline pipeline, List<ExecutionReport> journal) = Replay();
        PaperExchange exchange = pipeline.Exchange.Exchange;

        journal.Count(r => r.IsFill).Should().Be((int)exchange.FillCount);
        exchange.Equity.Should().Be(exchange.StartingEquity + exchange.RealizedPnl + exchange.UnrealizedPnl - exchange.Fees);

        foreach (TradingAccount account in new[] { pipeline.Decision.Engine.Account, pipeline.Risk.Risk.Account })
        {
            for (int asset = 0; asset < exchange.Wallet.Assets.Count; asset++)
            {
                account.Balance(exchange.Wallet.Assets[asset]).Should().Be(exchange.Wallet.Total(asset), exchange.Wallet.Assets[asset]);
            }

            for (int symbol = 0; symbol < exchange.Positions.Count; symbol++)
            {
                account.Position(symbol).Quantity.Should().Be(exchange.Positions[symbol].Quantity);
                account.Position(symbol).Cost.Should().Be(exchange.Positions[symbol].Cost);
            }

            account.WorkingOrders.Should().Be(exchange.OpenOrders.Count);
        }
    }

    [Fact]
    public void Once_warmed_up_on_the_market_the_pipeline_allocates_nothing_per_event()
    {
        // Warm-up: the sample and its continuation grow the books (BTC reaches about 2,000 bids and 3,000 asks, as deep
        // levels the stream never updates accumulate), the trade tapes (BTC peaks at 4,119 trades a minute) and the order
        // buffers to this market's working size. The third pass, the same market again, must allocate nothing at all.
        IReadOnlyList<MarketEvent> continued = SampleRecording.Continuation(Sample.Value, repeat: 2);
        int measuredFrom = Sample.Value.Count + (continued.Count / 2);
        MarketEvent[] events = [.. Sample.Value, .. continued];
        var pipeline = new TradingPipeline(SampleOptions.Create());
        for (int i = 0; i < measuredFrom; i++)
        {
            pipeline.Process(events[i], 0);
            pipeline.Exchange.Journal.Clear();
        }

        long fillsBefore = pipeline.Exchange.Exchange.FillCount;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = measuredFrom; i < events.Length; i++)
        {
            pipeline.Process(events[i], 0);
            pipeline.Exchange.Journal.Clear();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0, $"{events.Length - measuredFrom} events were processed after warm-up");
        (pipeline.Exchange.Exchange.FillCount - fillsBefore).Should().BePositive("the measured pass trades, so orders and fills are measured too");
        pipeline.MarketState.BookGaps.Should().Be(0, "the continuation keeps each version chain intact");
        pipeline.MarketState.BookResyncs.Should().Be(0);
    }
}
