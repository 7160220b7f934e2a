using FlashTrader.Core.Configuration;
using FlashTrader.Core.Control;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// Operator commands between two events, on the setup of <see cref="TradingPipelineTests"/>: BTCUSDC alone, an
/// imbalance of 0.75 is a buy signal that meets the entry score, and 0.020833 BTC is bought at 60,000.01.
/// </summary>
public sealed class ControlCommandTests
{
    private static TradingPipeline Pipeline(string timeInForce = "IOC")
    {
        FlashTraderOptions options = ImbalanceBtc.Options();
        options.Execution.TimeInForce = timeInForce;
        options.Execution.EntryCooldownMs = 0;
        return new TradingPipeline(options);
    }

    [Fact]
    public void The_kill_switch_flattens_the_position_at_market_and_halts_entries_within_one_event()
    {
        TradingPipeline pipeline = Pipeline();
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);
        pipeline.Drain();

        pipeline.Control(new ControlCommand(ControlAction.KillSwitch, "test"));

        ExecutionReport flatten = pipeline.Drain().Should().ContainSingle().Subject;
        flatten.Should().Match<ExecutionReport>(r => r.Status == OrderStatus.Filled && r.Side == Side.Sell && r.Purpose == OrderPurpose.Flatten
            && r.LastPrice == Fixed8.Parse("60000") && r.LastQuantity == Fixed8.Parse("0.020833"));
        pipeline.Decision.Engine.Account.Position(0).Quantity.IsZero.Should().BeTrue();
        pipeline.Risk.Risk.HaltReason.Should().Be("kill switch by test");

        // The same buy signal again: refused by the halted gate, recorded as a rejection, never filled.
        pipeline.Process(Events.Diff(101, 101, bids: "7@60000", atMs: 1), 0);
        pipeline.Drain().Should().OnlyContain(r => r.Status == OrderStatus.Rejected && r.RejectReason == RejectReason.TradingHalted);
        pipeline.Risk.Risk.RejectionsFor(RejectReason.TradingHalted).Should().BePositive();
    }

    [Fact]
    public void The_kill_switch_cancels_a_resting_order_before_it_sells_so_its_funds_are_free_again()
    {
        // A GTC buy below the only ask rests: the imbalance buys at the ask 60,000.01, but only 0.5 is offered there.
        TradingPipeline pipeline = Pipeline("GTC");
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.01@60000.01, 0.5@60000.02"), 0);
        List<ExecutionReport> entry = pipeline.Drain();
        entry.Should().Contain(r => r.Status == OrderStatus.PartiallyFilled && r.LastQuantity == Fixed8.Parse("0.01"));
        pipeline.Exchange.Exchange.OpenOrders.Should().ContainSingle();

        pipeline.Control(new ControlCommand(ControlAction.KillSwitch, "test"));

        List<ExecutionReport> kill = pipeline.Drain();
        kill.Select(r => (r.Status, r.Purpose)).Should().Equal(
            (OrderStatus.PartiallyCanceled, OrderPurpose.Entry),
            (OrderStatus.Filled, OrderPurpose.Flatten));
        kill[1].LastQuantity.Should().Be(Fixed8.Parse("0.01"));
        pipeline.Exchange.Exchange.OpenOrders.Should().BeEmpty();
        Core.Portfolio.Wallet wallet = pipeline.Exchange.Exchange.Wallet;
        int usdc = wallet.Assets.ToList().IndexOf("USDC");
        wallet.Free(usdc).Should().Be(wallet.Total(usdc), "nothing stays locked");
    }

    [Fact]
    public void A_pause_stops_entries_until_resumed()
    {
        TradingPipeline pipeline = Pipeline();
        pipeline.Control(new ControlCommand(ControlAction.PauseEntries, "dashboard"));

        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);

        pipeline.Drain().Should().ContainSingle(r => r.RejectReason == RejectReason.TradingHalted);
        pipeline.Risk.Risk.HaltReason.Should().Be("paused by dashboard");

        pipeline.Control(new ControlCommand(ControlAction.ResumeEntries, "dashboard"));
        pipeline.Process(Events.Diff(101, 101, bids: "7@60000", atMs: 1), 0);

        pipeline.Risk.Risk.Halted.Should().BeFalse();
        pipeline.Drain().Should().ContainSingle(r => r.Status == OrderStatus.Filled && r.Purpose == OrderPurpose.Entry);
    }
}
