using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// BTCUSDC alone, 10,000 USDC, only the imbalance strategy at a 0.5 threshold evaluated on every event, no slippage:
/// bids 7 against asks 1 make an imbalance of 0.75, a buy signal of strength exactly 0.5, which meets the entry score.
/// Orders and reports travel instantly here; PipelineLatencyTests covers the pipeline with latency.
/// </summary>
public sealed class TradingPipelineTests
{
    private static TradingPipeline Pipeline(double entryScore = 0.5, PaperExchangeState? restored = null)
    {
        FlashTraderOptions options = ImbalanceBtc.Options();
        options.Execution.EntryScore = entryScore;
        return new TradingPipeline(options, restored: restored, firstOrderId: restored is null ? 1 : 8);
    }

    [Fact]
    public void A_signal_flows_through_every_stage_to_a_fill_and_back_within_one_event()
    {
        TradingPipeline pipeline = Pipeline();

        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);

        // 10,000 × 0.25 × 0.5 = 1,250 USDC at 60,000.01 = 0.0208333298... truncated to 0.020833.
        ExecutionReport fill = pipeline.Drain().Should().ContainSingle().Subject;
        fill.Should().Match<ExecutionReport>(r => r.Status == OrderStatus.Filled && r.Side == Side.Buy && r.Purpose == OrderPurpose.Entry
            && r.LastPrice == Fixed8.Parse("60000.01") && r.LastQuantity == Fixed8.Parse("0.020833") && r.TickSequence == 1);
        pipeline.Risk.Risk.Approved.Should().Be(1);
        pipeline.Decision.Engine.Account.WorkingOrders.Should().Be(0, "the fill came back to the decision engine before the next event");
        pipeline.Risk.Risk.Account.WorkingOrders.Should().Be(0);
        pipeline.Decision.Engine.Account.Position(0).Quantity.Should().Be(Fixed8.Parse("0.020833"));
        pipeline.Risk.Risk.Account.Position(0).Quantity.Should().Be(Fixed8.Parse("0.020833"));
    }

    [Fact]
    public void A_position_is_closed_at_take_profit_and_every_stage_books_the_same_exact_profit()
    {
        TradingPipeline pipeline = Pipeline();
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);
        pipeline.Drain();

        // The market lifts: 60,125 is above 60,000.01 × 1.002 = 60,120.01002.
        pipeline.Process(Events.Diff(101, 101, bids: "0@60000, 7@60125", asks: "0@60000.01, 0@60000.02, 1@60125.01", atMs: 10), 0);

        ExecutionReport exit = pipeline.Drain().Should().ContainSingle().Subject;
        exit.Should().Match<ExecutionReport>(r => r.Status == OrderStatus.Filled && r.Side == Side.Sell && r.Purpose == OrderPurpose.TakeProfit
            && r.LastPrice == Fixed8.Parse("60125") && r.LastQuantity == Fixed8.Parse("0.020833"));
        const decimal profit = 2.60391667m; // 0.020833 × (60,125 - 60,000.01)
        pipeline.Exchange.Exchange.RealizedPnl.Should().Be(profit);
        pipeline.Decision.Engine.Account.Position(0).RealizedPnl.Should().Be(profit);
        pipeline.Risk.Risk.Account.Position(0).RealizedPnl.Should().Be(profit);
        pipeline.Exchange.Exchange.Wallet.Total(0).Should().Be(10_000m + profit);
        pipeline.Decision.Engine.Account.Balance("USDC").Should().Be(10_000m + profit);
        pipeline.Decision.Engine.Account.Balance("BTC").Should().Be(0m);
    }

    [Fact]
    public void An_order_the_risk_gate_refuses_is_journaled_as_rejected_and_frees_the_decision_engine()
    {
        TradingPipeline pipeline = Pipeline();
        pipeline.Risk.Risk.Halt("kill switch");

        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);

        pipeline.Drain().Should().ContainSingle().Which.Should().Match<ExecutionReport>(r =>
            r.Status == OrderStatus.Rejected && r.RejectReason == RejectReason.TradingHalted && r.OrderId == 1);
        pipeline.Risk.Risk.RejectionsFor(RejectReason.TradingHalted).Should().Be(1);
        pipeline.Exchange.Exchange.OrdersReceived.Should().Be(0);
        pipeline.Decision.Engine.Account.WorkingOrders.Should().Be(0);
        pipeline.Decision.Engine.Decisions.Should().Be(1);
    }

    [Fact]
    public void Nothing_is_decided_on_a_book_from_the_moment_a_gap_is_found()
    {
        TradingPipeline pipeline = Pipeline(entryScore: 1.0);
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);
        pipeline.Decision.Engine.Score(0).Should().Be(0.5, "one signal of 0.5 is half the entry score");

        pipeline.Process(Events.Diff(105, 106, bids: "8@60000", atMs: 1), 0);
        pipeline.Process(Events.Diff(107, 108, bids: "9@60000", atMs: 2), 0);

        pipeline.Signals.Evaluations.Should().Be(1, "the gapped book is never evaluated again");
        pipeline.Decision.Engine.Decisions.Should().Be(0);
        pipeline.Exchange.Journal.Should().BeEmpty();
    }

    [Fact]
    public void An_order_resting_in_a_restored_account_is_working_for_every_stage()
    {
        var resting = new OrderRequest(7, 0, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Fixed8.Parse("59000"), Fixed8.Parse("0.01"),
            OrderPurpose.Entry, -1, 0, Events.At(-60_000), 0, 0);
        var restored = new PaperExchangeState
        {
            Balances = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal) { ["USDC"] = (9_410m, 590m) },
            Positions = new Dictionary<string, (Fixed8, decimal)>(StringComparer.Ordinal),
            OpenOrders = [new RestingOrderState(resting, Fixed8.Zero, 590m)],
        };
        TradingPipeline pipeline = Pipeline(restored: restored);

        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);

        pipeline.Decision.Engine.Account.WorkingOrdersOn(0).Should().Be(1);
        pipeline.Risk.Risk.Account.WorkingOrders.Should().Be(1);
        pipeline.Decision.Engine.Decisions.Should().Be(0, "one working order per symbol holds across a restart");

        // The market falls through the resting bid: it fills as maker and the symbol is free again.
        pipeline.Process(Events.Diff(101, 101, bids: "0@60000, 7@58990", asks: "0@60000.01, 0@60000.02, 1@59000", atMs: 10), 0);

        pipeline.Drain().Should().ContainSingle().Which.Should().Match<ExecutionReport>(r => r.OrderId == 7 && r.Status == OrderStatus.Filled);
        pipeline.Decision.Engine.Account.WorkingOrders.Should().Be(0);
        pipeline.Risk.Risk.Account.WorkingOrders.Should().Be(0);
        pipeline.Decision.Engine.Account.Position(0).Quantity.Should().Be(Fixed8.Parse("0.01"));
    }

    [Fact]
    public void Depth_buffers_from_a_pool_go_back_to_it_once_the_exchange_has_seen_the_event()
    {
        TradingPipeline pipeline = Pipeline();
        var pool = new DepthLevelsPool();
        long t = Events.At(0);
        DepthLevels snapshot = pool.Rent();
        snapshot.AddBid(Depth.Level("1@60000"));
        snapshot.AddAsk(Depth.Level("1@60000.01"));
        pipeline.Process(MarketEvent.DepthSnapshot(0, t, t, 100, snapshot), 0);

        for (int i = 0; i < 100; i++)
        {
            DepthLevels diff = pool.Rent();
            diff.AddBid(new PriceLevel(Fixed8.Parse("60000"), Fixed8.FromLong(1 + (i % 3))));
            pipeline.Process(MarketEvent.DepthDiff(0, t, t, 101 + i, 101 + i, diff), 0);
        }

        pool.Created.Should().Be(1, "each buffer was returned before the next event rented one");
        pipeline.MarketState[0].Book.DiffsApplied.Should().Be(100);
        pipeline.Exchange.Exchange.Book(0).DiffsApplied.Should().Be(100, "the exchange keeps its own replica from the same events");
    }
}
