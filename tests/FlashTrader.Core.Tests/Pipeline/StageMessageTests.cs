using FlashTrader.Core.Configuration;
using FlashTrader.Core.Decisions;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// The exchange's watermarks: after every order, and after every tick while orders rest, it tells the decision engine
/// that all reports caused so far have been sent, so a threaded replay decides on the same knowledge as a synchronous one.
/// </summary>
public sealed class StageMessageTests
{
    private static readonly InstrumentSet Instruments = TestOptions.Instruments(TestOptions.Btc());

    private readonly ExchangeStage _exchange = new(new PaperExchange(Instruments, new PaperTradingOptions
    {
        InitialBalance = TestOptions.Balances(("USDC", 10_000m)),
        SimulateSlippage = false,
    }));

    private readonly List<ExecutionFeedback> _feedback = [];

    private static TradingMessage Tick(long sequence, MarketEvent ev) => TradingMessage.ForTick(new MarketTick(sequence, ev, default, 0));

    private static OrderRequest Buy(long id, TimeInForce tif, string price) =>
        new(id, 0, Side.Buy, OrderType.Limit, tif, Fixed8.Parse(price), Fixed8.Parse("0.01"), OrderPurpose.Entry, -1, 1, Events.At(0), 1, 0);

    private List<ExecutionFeedback> Handle(in TradingMessage message)
    {
        _feedback.Clear();
        _exchange.Handle(message, _feedback);
        return _feedback;
    }

    [Fact]
    public void An_order_is_answered_by_its_reports_then_a_watermark_of_the_last_tick()
    {
        Handle(Tick(1, Events.Snapshot(100, bids: "1@60000", asks: "1@60000.01"))).Should().BeEmpty("no order rests, nobody waits");

        List<ExecutionFeedback> feedback = Handle(TradingMessage.ForOrder(Buy(1, TimeInForce.Ioc, "60000.01")));

        feedback.Select(f => f.IsWatermark).Should().Equal(false, true);
        feedback[0].Report.Status.Should().Be(OrderStatus.Filled);
        feedback[1].Sequence.Should().Be(1);
        _exchange.Journal.Should().ContainSingle();
    }

    [Fact]
    public void While_an_order_rests_every_tick_is_followed_by_its_watermark()
    {
        Handle(Tick(1, Events.Snapshot(100, bids: "1@60000", asks: "1@60000.01")));
        Handle(TradingMessage.ForOrder(Buy(1, TimeInForce.Gtc, "59999")));

        List<ExecutionFeedback> feedback = Handle(Tick(2, Events.Diff(101, 101, bids: "2@60000")));

        feedback.Should().ContainSingle().Which.Should().Be(ExecutionFeedback.Watermark(2));
    }

    [Fact]
    public void A_refused_intent_is_journaled_and_watermarked()
    {
        Handle(Tick(1, Events.Snapshot(100, bids: "1@60000", asks: "1@60000.01")));

        List<ExecutionFeedback> feedback = Handle(TradingMessage.ForRejected(Buy(1, TimeInForce.Ioc, "60000.01"), RejectReason.MaxOpenOrders));

        feedback[0].Report.Should().Match<ExecutionReport>(r => r.Status == OrderStatus.Rejected && r.RejectReason == RejectReason.MaxOpenOrders);
        feedback[1].Should().Be(ExecutionFeedback.Watermark(1));
        _exchange.Exchange.Rejections.Should().Be(0, "the exchange counts only what it refused itself");
    }

    [Fact]
    public void The_decision_stage_waits_for_the_previous_ticks_watermark_only_while_an_order_works()
    {
        var account = new TradingAccount(Instruments, TestOptions.Balances(("USDC", 10_000m)));
        var stage = new DecisionStage(new DecisionEngine(Instruments, new ExecutionOptions(), account));
        stage.MustWaitFor(5).Should().BeFalse("nothing is working");

        account.OnOrderSent(1, 0);
        stage.OnFeedback(ExecutionFeedback.Watermark(3), []);
        stage.MustWaitFor(5).Should().BeTrue("tick 4's reports may still be on their way");

        stage.OnFeedback(ExecutionFeedback.Watermark(4), []);
        stage.MustWaitFor(5).Should().BeFalse();
        stage.OnFeedback(ExecutionFeedback.Watermark(2), []);
        stage.Watermark.Should().Be(4, "a late watermark never moves it back");
    }
}
