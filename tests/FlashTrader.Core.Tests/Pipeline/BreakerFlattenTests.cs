using FlashTrader.Core.Configuration;
using FlashTrader.Core.Control;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// A breaker configured to flatten goes through the control path like the kill switch, and a reset by hand re-opens
/// entries. Setup of <see cref="ControlCommandTests"/>: 0.020833 BTC bought at 60,000.01 on the first snapshot.
/// </summary>
public sealed class BreakerFlattenTests
{
    private static TradingPipeline Pipeline(bool flatten)
    {
        FlashTraderOptions options = ImbalanceBtc.Options();
        options.Execution.EntryCooldownMs = 0;
        options.Risk.MaxDrawdownPercent = 0.0001;
        options.Risk.FlattenOnBreaker = flatten;
        return new TradingPipeline(options);
    }

    [Fact]
    public void A_drawdown_breaker_that_flattens_sells_the_position_in_the_same_event_and_halts()
    {
        TradingPipeline pipeline = Pipeline(flatten: true);
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);
        pipeline.Drain().Should().ContainSingle(r => r.Purpose == OrderPurpose.Entry && r.Status == OrderStatus.Filled);

        // The bid falls a dollar: equity drops 0.0104 of 10,000, beyond 0.0001%.
        pipeline.Process(Events.Diff(101, 101, bids: "0@60000, 7@59999", atMs: 1), 0);

        ExecutionReport flatten = pipeline.Drain().Should().ContainSingle().Subject;
        flatten.Should().Match<ExecutionReport>(r => r.Purpose == OrderPurpose.Flatten && r.Status == OrderStatus.Filled
            && r.LastPrice == Fixed8.Parse("59999") && r.LastQuantity == Fixed8.Parse("0.020833"));
        pipeline.Risk.Risk.HaltReason.Should().Be("max drawdown 0.0001% reached");
        pipeline.Decision.Engine.Account.Position(0).Quantity.IsZero.Should().BeTrue();
    }

    [Fact]
    public void Without_flattening_the_breaker_only_halts_and_a_reset_by_hand_reopens_entries()
    {
        TradingPipeline pipeline = Pipeline(flatten: false);
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);
        pipeline.Process(Events.Diff(101, 101, bids: "0@60000, 7@59999", atMs: 1), 0);
        pipeline.Drain();
        pipeline.Risk.Risk.Halted.Should().BeTrue();
        pipeline.Decision.Engine.Account.Position(0).Quantity.Should().Be(Fixed8.Parse("0.020833"), "the position is kept");

        pipeline.Control(new ControlCommand(ControlAction.ResetBreakers, "test"));

        pipeline.Risk.Risk.Halted.Should().BeFalse("the peak restarts from the equity at the reset");
        pipeline.Risk.Risk.Trips.Should().ContainSingle(t => t.Breaker == Core.Risk.CircuitBreaker.MaxDrawdown);
    }
}
