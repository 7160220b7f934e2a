using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Execution;

public sealed class ClientStopsTests
{
    private static OrderRequest Stop(StopKind kind, Side side, string trigger = "0", string trailing = "0") =>
        Exchanges.Order(1, side, "0.5") with { Trigger = kind, TriggerPrice = Fixed8.Parse(trigger), TrailingDistance = Fixed8.Parse(trailing) };

    /// <summary>Touches as "bid/ask"; returns the index of the touch that triggered, or -1.</summary>
    private static int TriggeredAt(in OrderRequest stop, params string[] touches)
    {
        var stops = new ClientStops();
        stops.Arm(stop);
        var triggered = new List<OrderRequest>();
        for (int i = 0; i < touches.Length; i++)
        {
            string[] p = touches[i].Split('/');
            stops.OnTouch(0, Fixed8.Parse(p[0]), Fixed8.Parse(p[1]), Events.At(i), triggered);
            if (triggered.Count > 0)
            {
                triggered.Should().ContainSingle().Which.Should().Match<OrderRequest>(o => o.Trigger == StopKind.None && o.DecisionTimeNs == Events.At(i));
                stops.Count.Should().Be(0);
                return i;
            }
        }

        return -1;
    }

    [Theory]
    [InlineData(StopKind.StopLoss, Side.Sell, "98", 2, "a sell stop fires when the bid falls to it")]
    [InlineData(StopKind.TakeProfit, Side.Sell, "100", 3, "a sell take-profit fires when the bid rises to it")]
    [InlineData(StopKind.StopLoss, Side.Buy, "101", 3, "a buy stop fires when the ask rises to it")]
    [InlineData(StopKind.TakeProfit, Side.Buy, "99", 2, "a buy take-profit fires when the ask falls to it")]
    public void Stops_and_take_profits_fire_on_the_price_the_order_would_trade_at(StopKind kind, Side side, string trigger, int expected, string because)
    {
        TriggeredAt(Stop(kind, side, trigger), "99/99.5", "98.5/100", "98/99", "100/101").Should().Be(expected, because);
    }

    [Fact]
    public void A_trailing_sell_stop_follows_the_highest_bid_and_fires_on_the_retreat()
    {
        // Trails by 1: bid 100 -> trigger 99; bid 102 -> 101; the fall to 101.5 keeps 101; 101 fires.
        TriggeredAt(Stop(StopKind.TrailingStop, Side.Sell, trailing: "1"), "100/100.5", "102/102.5", "101.5/102", "101/101.5").Should().Be(3);
    }

    [Fact]
    public void A_trailing_buy_stop_follows_the_lowest_ask()
    {
        var stops = new ClientStops();
        stops.Arm(Stop(StopKind.TrailingStop, Side.Buy, trailing: "2"));
        var triggered = new List<OrderRequest>();

        stops.OnTouch(0, Fixed8.Parse("99"), Fixed8.Parse("100"), 0, triggered);
        stops.TriggerOf(1).Should().Be(Fixed8.Parse("102"));
        stops.OnTouch(0, Fixed8.Parse("95"), Fixed8.Parse("96"), 0, triggered);
        stops.TriggerOf(1).Should().Be(Fixed8.Parse("98"));
        stops.OnTouch(0, Fixed8.Parse("97"), Fixed8.Parse("97.5"), 0, triggered);
        triggered.Should().BeEmpty("97.5 is below the trigger of 98");
        stops.OnTouch(0, Fixed8.Parse("97.5"), Fixed8.Parse("98"), 0, triggered);
        triggered.Should().ContainSingle();
    }

    [Fact]
    public void A_stop_ignores_other_symbols_and_a_stop_without_its_price_is_refused()
    {
        TriggeredAt(Stop(StopKind.StopLoss, Side.Sell, "98") with { SymbolId = 1 }, "90/91").Should().Be(-1);
        new Action(() => new ClientStops().Arm(Stop(StopKind.TrailingStop, Side.Sell))).Should().Throw<ArgumentException>()
            .WithMessage("order 1: a TrailingStop needs a positive TrailingDistance*");
    }

    [Fact]
    public void Through_the_exchange_stage_a_triggered_stop_is_sent_with_latency_and_filled_and_the_kill_switch_cancels_armed_ones()
    {
        var stage = new ExchangeStage(Exchanges.Btc(Exchanges.Model(entryMs: 5, responseMs: 5), btc: 1m));
        var output = new List<ExecutionFeedback>();
        stage.Handle(TradingMessage.ForOrder(Stop(StopKind.StopLoss, Side.Sell, "98.5")), output);
        stage.Handle(TradingMessage.ForOrder(Stop(StopKind.TakeProfit, Side.Sell, "120") with { OrderId = 2 }), output);

        // The stops watch the strategy's touch (features); the replica book moves by depth diffs of the bids.
        MarketTick Tick(long sequence, double ms, string bid, string bids) => new(sequence,
            Events.Diff(100 + sequence, 100 + sequence, bids: bids, atMs: ms),
            new MarketFeatures { Tradeable = true, BestBid = Fixed8.Parse(bid), BestAsk = Fixed8.Parse("100") }, 0);

        stage.Handle(TradingMessage.ForTick(Tick(1, 1, "99", "0@98")), output);
        stage.Exchange.InFlightCount.Should().Be(0);
        stage.Handle(TradingMessage.ForTick(Tick(2, 2, "98.4", "0@99, 0.2@98.4")), output);
        stage.Exchange.InFlightCount.Should().Be(1, "the stop fired on the bid of 98.4 and its market sell is on the wire");
        stage.Handle(TradingMessage.ForTick(Tick(3, 8, "98.2", "0.1@98.2")), output);
        stage.Handle(TradingMessage.ForTick(Tick(4, 13, "98.2", "0.3@98.2")), output);

        // Arrived at 7 ms: only the 0.2 at 98.4 was there (the 98.2 bid came at 8 ms); back at 12 ms.
        output.Where(f => !f.IsWatermark).Select(f => (f.Report.OrderId, f.Report.Status, f.Report.LastPrice.ToString()))
            .Should().Equal((1L, OrderStatus.PartiallyFilled, "98.4"), (1L, OrderStatus.PartiallyCanceled, "0"));
        output.Where(f => f.IsWatermark).Select(f => f.Sequence).Should().Contain([1L, 2L, 3L, 4L], "armed stops keep the watermarks coming");

        output.Clear();
        stage.Handle(TradingMessage.ForControl(new Core.Control.ControlCommand(Core.Control.ControlAction.KillSwitch, "test")), output);
        output.Where(f => !f.IsWatermark).Should().ContainSingle().Which.Report.Should().Match<ExecutionReport>(r => r.OrderId == 2 && r.Status == OrderStatus.Canceled);
        stage.Stops.Count.Should().Be(0);
    }
}
