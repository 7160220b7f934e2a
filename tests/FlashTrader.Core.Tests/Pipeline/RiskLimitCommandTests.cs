using FlashTrader.Core.Configuration;
using FlashTrader.Core.Control;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// A runtime change of the risk limits, in-band like the other operator commands, on the setup of
/// <see cref="ControlCommandTests"/>: the imbalance buys 0.020833 BTC at 60,000.01 out of 10,000 USDC.
/// </summary>
public sealed class RiskLimitCommandTests
{
    private static TradingPipeline Pipeline()
    {
        FlashTraderOptions options = ImbalanceBtc.Options();
        options.Execution.EntryCooldownMs = 0;
        options.Execution.StopLossBps = 5_000; // no exit on the price falls below
        return new TradingPipeline(options);
    }

    [Fact]
    public void New_limits_replace_the_configured_ones_between_two_events()
    {
        TradingPipeline pipeline = Pipeline();
        var limits = new RiskOptions { MaxDrawdownPercent = 2.5, DailyLossLimit = 75m };

        pipeline.Control(new ControlCommand(ControlAction.SetRiskLimits, "dashboard", limits));

        pipeline.Risk.Risk.Limits.Should().BeSameAs(limits);
        pipeline.Risk.Risk.Halted.Should().BeFalse("changing limits is not a pause");
    }

    [Fact]
    public void A_tightened_daily_loss_limit_already_exceeded_halts_entries_on_the_next_event_even_if_equity_did_not_move()
    {
        TradingPipeline pipeline = Pipeline();
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);
        pipeline.Decision.Engine.Account.Position(0).Quantity.IsPositive.Should().BeTrue();
        // The bid falls 1,000, the mid 500.005: 0.020833 BTC bought at 60,000.01 lose 10.416604165, far inside the configured 500.
        pipeline.Process(Events.Diff(101, 101, bids: "0@60000, 7@59000", atMs: 1), 0);
        pipeline.Risk.Risk.Halted.Should().BeFalse();
        pipeline.Risk.Risk.DayLoss.Should().Be(10.416604165m);

        pipeline.Control(new ControlCommand(ControlAction.SetRiskLimits, "dashboard", new RiskOptions { MaxDrawdownPercent = 10, DailyLossLimit = 10m }));
        pipeline.Risk.Risk.Halted.Should().BeFalse("limits are checked on the next event");
        pipeline.Process(Events.Trade("59000", "0.001", Core.Market.Side.Sell, atMs: 2), 0);

        pipeline.Risk.Risk.HaltReason.Should().Be("daily loss limit 10 reached");
        pipeline.Risk.Risk.DayLoss.Should().Be(10.416604165m, "nothing moved equity since");
        pipeline.Risk.Risk.DrawdownPercent.Should().BeApproximately(0.10416604165, 1e-12);
    }

    [Fact]
    public void A_loosened_limit_leaves_a_halt_in_force_until_resumed()
    {
        TradingPipeline pipeline = Pipeline();
        pipeline.Control(new ControlCommand(ControlAction.PauseEntries, "dashboard"));

        pipeline.Control(new ControlCommand(ControlAction.SetRiskLimits, "dashboard", new RiskOptions { MaxDrawdownPercent = 50, DailyLossLimit = 5_000m }));
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);

        pipeline.Risk.Risk.HaltReason.Should().Be("paused by dashboard");
        pipeline.Exchange.Journal.Should().ContainSingle(r => r.RejectReason == RejectReason.TradingHalted);
    }

    [Fact]
    public void The_command_passes_through_to_the_exchange_which_ignores_it()
    {
        TradingPipeline pipeline = Pipeline();
        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 0);
        pipeline.Exchange.Journal.Clear();

        pipeline.Control(new ControlCommand(ControlAction.SetRiskLimits, "dashboard", new RiskOptions()));

        pipeline.Exchange.Journal.Should().BeEmpty("no order is cancelled or sent");
        pipeline.Decision.Engine.Account.Position(0).Quantity.IsPositive.Should().BeTrue();
    }
}
