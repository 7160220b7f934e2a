using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Tests.Builders;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// A book ticker (or kline) that reaches the exchange stage while nothing rests, is in flight or is on its way back
/// takes a short path (<see cref="Execution.PaperExchange.TryPassQuiet"/>): it only counts the event and moves the
/// time the strategy saw the market. These specs hold it to the full path, report for report, on the real sample.
/// </summary>
public sealed class QuietTickTests
{
    private static readonly Lazy<IReadOnlyList<MarketEvent>> Sample = new(() => SampleRecording.Load(new InstrumentSet(SampleOptions.Create().TradingPairs)));

    public static TheoryData<string> Configurations => ["shipped", "naive fills", "slow wire"];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Over_the_sample_the_short_path_trades_exactly_as_the_full_path(string configuration)
    {
        Run quiet = Replay(configuration, passQuietTicks: true);
        Run full = Replay(configuration, passQuietTicks: false);

        quiet.Journal.Should().NotBeEmpty();
        quiet.Journal.Should().Equal(full.Journal, "every report, stamped with the event after which it was journaled");
        quiet.Decisions.Should().Equal(full.Decisions);
        quiet.SeenNs.Should().Equal(full.SeenNs, "the send time of orders decided on each event");
        quiet.Pipeline.Exchange.Exchange.MarketEventsSeen.Should().Be(full.Pipeline.Exchange.Exchange.MarketEventsSeen).And.Be(179_318);
        quiet.Pipeline.Exchange.LastTickSequence.Should().Be(full.Pipeline.Exchange.LastTickSequence);
        quiet.Pipeline.Exchange.Exchange.Equity.Should().Be(full.Pipeline.Exchange.Exchange.Equity);
        quiet.Pipeline.Decision.Watermark.Should().Be(full.Pipeline.Decision.Watermark);
        // Most of the sample's 131,932 book tickers find nothing working; on a slow wire 36,152 meet work and take the full path.
        quiet.QuietTicks.Should().Be(configuration switch { "naive fills" => 131_932, "slow wire" => 95_780, _ => 130_461 });
        quiet.QuietTicks.Should().BeGreaterThan(90_000);
    }

    [Fact]
    public void With_the_shipped_configuration_the_sample_still_makes_its_pinned_figures()
    {
        Run quiet = Replay("shipped", passQuietTicks: true);

        quiet.Pipeline.Decision.Engine.Decisions.Should().Be(320);
        quiet.Pipeline.Exchange.Exchange.FillCount.Should().Be(293);
        quiet.Pipeline.Exchange.Exchange.RealizedPnl.Should().Be(18.98658223m);
    }

    [Fact]
    public void The_exchange_refuses_the_short_path_for_a_depth_event_a_trade_or_while_an_order_is_in_flight()
    {
        var pipeline = new TradingPipeline(SampleOptions.Create());
        PaperExchange exchange = pipeline.Exchange.Exchange;
        var reports = new List<ExecutionReport>();
        exchange.OnMarketEvent(Events.Snapshot(100, bids: "1@99, 2@98", asks: "0.5@100, 3@101"), reports);
        MarketEvent ticker = Ticker(atMs: 1);

        exchange.TryPassQuiet(Events.Trade("100", "0.1", Side.Buy, atMs: 1)).Should().BeFalse();
        exchange.TryPassQuiet(Events.Diff(101, 101, bids: "1@99", atMs: 1)).Should().BeFalse();
        exchange.TryPassQuiet(ticker).Should().BeTrue();
        exchange.MarketEventsSeen.Should().Be(2);
        exchange.LastSeenNs.Should().Be(Events.At(1));

        exchange.Submit(new OrderRequest(1, 0, Side.Buy, OrderType.Market, TimeInForce.Ioc, default, Fixed8.FromDecimal(0.1m), OrderPurpose.Entry, -1, 1, Events.At(1), 2, 0), Events.At(1), reports);
        exchange.InFlightCount.Should().Be(1);
        exchange.TryPassQuiet(Ticker(atMs: 2)).Should().BeFalse("the order's entry leg may end on this event");
        exchange.MarketEventsSeen.Should().Be(2, "a refused event is left to the full path");
    }

    private static MarketEvent Ticker(double atMs) =>
        MarketEvent.BookTicker(0, Events.At(atMs), Events.At(atMs), Fixed8.FromLong(99), Fixed8.One, Fixed8.FromLong(100), Fixed8.One, 1);

    private static Run Replay(string configuration, bool passQuietTicks)
    {
        FlashTraderOptions options = SampleOptions.Create();
        if (configuration == "naive fills")
        {
            options.Execution.Latency.EntryMs = 0;
            options.Execution.Latency.ResponseMs = 0;
            options.Execution.QueueModel = "Touch";
        }
        else if (configuration == "slow wire")
        {
            // Orders and reports spend long on the wire: many book tickers meet work in flight.
            options.Execution.Latency.EntryMs = 250;
            options.Execution.Latency.ResponseMs = 400;
        }

        var pipeline = new TradingPipeline(options);
        pipeline.Exchange.PassesQuietTicks = passQuietTicks;
        var run = new Run(pipeline);
        long index = 0;
        foreach (MarketEvent ev in Sample.Value)
        {
            bool workBefore = pipeline.Exchange.Exchange.HasPendingWork;
            long decisionsBefore = pipeline.Decision.Engine.Decisions;
            pipeline.Process(ev, 0);
            foreach (ExecutionReport report in pipeline.Exchange.Journal)
            {
                run.Journal.Add((index, report));
            }

            if (pipeline.Decision.Engine.Decisions != decisionsBefore)
            {
                run.Decisions.Add((index, pipeline.Decision.Engine.Decisions));
            }

            run.SeenNs.Add(pipeline.Exchange.Exchange.LastSeenNs);
            if (ev.Kind == MarketEventKind.BookTicker && !workBefore && pipeline.Exchange.Stops.Count == 0)
            {
                run.QuietTicks++;
            }

            index++;
        }

        return run;
    }

    private sealed class Run(TradingPipeline pipeline)
    {
        public TradingPipeline Pipeline { get; } = pipeline;

        public List<(long Event, ExecutionReport Report)> Journal { get; } = [];

        public List<(long Event, long Decisions)> Decisions { get; } = [];

        public List<long> SeenNs { get; } = [];

        public long QuietTicks { get; set; }
    }
}
