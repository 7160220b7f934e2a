using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// The pipeline of TradingPipelineTests (BTCUSDC, an imbalance buy on the first snapshot) with the default latency:
/// 5 ms to the matching engine, 5 ms back.
/// </summary>
public sealed class PipelineLatencyTests
{
    private static TradingPipeline Pipeline()
    {
        FlashTraderOptions options = ImbalanceBtc.Options(withLatency: true);
        options.Execution.Latency.EntryMs.Should().Be(5, "the shipped default");
        return new TradingPipeline(options);
    }

    [Fact]
    public void An_order_works_through_later_events_and_its_outcome_reaches_every_stage_after_the_round_trip()
    {
        TradingPipeline pipeline = Pipeline();
        PaperExchange exchange = pipeline.Exchange.Exchange;

        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);
        pipeline.Exchange.Journal.Should().BeEmpty("the order is on the wire");
        exchange.InFlightCount.Should().Be(1);

        // The ask moves up while the order travels: it pays the new price.
        pipeline.Process(Events.Diff(101, 101, asks: "0@60000.01, 0@60000.02, 1@60001", atMs: 3), 0);
        pipeline.Process(Events.Diff(102, 102, bids: "7.5@60000", atMs: 6), 0);
        exchange.FillCount.Should().Be(0, "a limit IOC at the decided ask 60000.01 no longer reaches the book");

        // The exchange's journal has the cancel from the moment it happened; the strategy hears of it 5 ms later.
        pipeline.Exchange.Journal.Should().ContainSingle().Which.Should().Match<ExecutionReport>(r =>
            r.Status == OrderStatus.Canceled && r.RejectReason == RejectReason.NoLiquidity && r.TimeNs == Events.At(5));
        pipeline.Decision.Engine.Account.WorkingOrders.Should().Be(1, "the cancel is on its way back");
        exchange.PendingReportCount.Should().Be(1);

        pipeline.Process(Events.Diff(103, 103, bids: "8@60000", atMs: 10), 0);

        pipeline.Exchange.Journal.Should().BeEmpty("journaled once, when produced");
        exchange.PendingReportCount.Should().Be(0);
        pipeline.Decision.Engine.Account.WorkingOrders.Should().Be(0);
        pipeline.Risk.Risk.Account.WorkingOrders.Should().Be(0);
    }

    [Fact]
    public void While_an_order_is_in_flight_the_exchange_stage_sends_a_watermark_after_every_tick_so_the_decision_stage_never_waits_forever()
    {
        TradingPipeline pipeline = Pipeline();
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);
        pipeline.Exchange.Exchange.InFlightCount.Should().Be(1);

        // The hosted decision stage waits, before tick n, for the exchange's watermark of tick n - 1 while an order works.
        for (int n = 2; n <= 5; n++)
        {
            pipeline.Decision.MustWaitFor(n).Should().BeFalse($"the watermark of tick {n - 1} has come back");
            pipeline.Process(Events.Trade("60000.02", "0.01", Side.Buy, atMs: 2 * n, tradeId: n), 0);
            pipeline.Decision.Watermark.Should().Be(n, $"tick {n} was handled with work pending");
        }

        // Arrived at 5 ms, matched by the 6 ms trade; its fill came back at 10 ms, with tick 5.
        pipeline.Decision.Engine.Account.WorkingOrders.Should().Be(0);
        pipeline.Decision.Engine.Account.Position(0).Quantity.IsPositive.Should().BeTrue();
    }

    [Fact]
    public void The_exchange_stage_emits_a_watermark_for_each_tick_while_anything_is_in_flight()
    {
        var exchange = new ExchangeStage(Exchanges.Btc(Exchanges.Model(entryMs: 5, responseMs: 5)));
        var output = new List<ExecutionFeedback>();
        var tick = new MarketTick(1, Events.Trade("99", "0.1", Side.Sell, atMs: 1), default, 0);

        exchange.Handle(TradingMessage.ForTick(tick), output);
        output.Should().BeEmpty("nothing is working: no one waits");

        exchange.Handle(TradingMessage.ForOrder(Exchanges.Order(1, Side.Buy, "0.1")), output);
        exchange.Handle(TradingMessage.ForTick(tick with { Sequence = 2, Event = Events.Trade("99", "0.1", Side.Sell, atMs: 3) }), output);
        exchange.Handle(TradingMessage.ForTick(tick with { Sequence = 3, Event = Events.Trade("99", "0.1", Side.Sell, atMs: 7) }), output);
        exchange.Handle(TradingMessage.ForTick(tick with { Sequence = 4, Event = Events.Trade("99", "0.1", Side.Sell, atMs: 12) }), output);
        exchange.Handle(TradingMessage.ForTick(tick with { Sequence = 5, Event = Events.Trade("99", "0.1", Side.Sell, atMs: 13) }), output);

        output.Select(f => f.IsWatermark ? $"w{f.Sequence}" : f.Report.Status.ToWire()).Should().Equal("w1", "w2", "w3", "FILLED", "w4");
    }

    [Fact]
    public void A_feed_stamped_by_a_clock_far_ahead_of_the_exchange_is_an_offset_not_latency_and_orders_still_reach_the_book()
    {
        // A simulator replaying 2024 data, received in 2026: a day's gap between the clocks is no feed latency.
        TradingPipeline pipeline = Pipeline();
        const long day = 86_400_000_000_000L;
        static MarketEvent Late(in MarketEvent ev) => ev.Kind == MarketEventKind.DepthSnapshot
            ? MarketEvent.DepthSnapshot(ev.SymbolId, ev.ExchangeTimeNs, ev.ExchangeTimeNs + day, ev.LastUpdateId, ev.Levels)
            : MarketEvent.DepthDiff(ev.SymbolId, ev.ExchangeTimeNs, ev.ExchangeTimeNs + day, ev.FirstUpdateId, ev.LastUpdateId, ev.Levels);

        pipeline.Process(Late(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02")), 0);
        pipeline.Process(Late(Events.Diff(101, 101, bids: "7.1@60000", atMs: 6)), 0);

        pipeline.Exchange.Exchange.FillCount.Should().Be(1, "the order arrived 5 ms after it was sent, on the exchange's clock");
        pipeline.Exchange.Exchange.InFlightCount.Should().Be(0);
    }
}
