using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Portfolio;

namespace FlashTrader.Core.Tests.Portfolio;

public sealed class PositionLedgerTests
{
    private static void Fill(PositionLedger ledger, Side side, string price, string quantity, decimal fee = 0m) =>
        ledger.Apply(side, Fixed8.Parse(price), Fixed8.Parse(quantity), fee);

    [Fact]
    public void Buys_add_quantity_and_their_exact_cost()
    {
        var ledger = new PositionLedger();

        Fill(ledger, Side.Buy, "100", "1", 0.1m);
        Fill(ledger, Side.Buy, "101.5", "2", 0.203m);

        ledger.Quantity.Should().Be(Fixed8.Parse("3"));
        ledger.Cost.Should().Be(303m);
        ledger.AverageEntryPrice.Should().Be(101m);
        ledger.Fees.Should().Be(0.303m);
        ledger.Fills.Should().Be(2);
    }

    [Fact]
    public void A_sell_realizes_its_proceeds_minus_its_proportional_share_of_cost()
    {
        var ledger = new PositionLedger();
        Fill(ledger, Side.Buy, "100", "1");
        Fill(ledger, Side.Buy, "101.5", "2");

        Fill(ledger, Side.Sell, "103", "1");

        ledger.RealizedPnl.Should().Be(2m, "103 - 303 / 3");
        ledger.Quantity.Should().Be(Fixed8.Parse("2"));
        ledger.Cost.Should().Be(202m);
    }

    [Fact]
    public void Closing_the_position_realizes_exactly_proceeds_minus_cost_even_after_a_non_terminating_share()
    {
        var ledger = new PositionLedger();
        Fill(ledger, Side.Buy, "100", "1");
        Fill(ledger, Side.Buy, "100.5", "2");

        Fill(ledger, Side.Sell, "102", "1");
        ledger.Cost.Should().Be(301m - (301m / 3), "a third of 301 does not terminate in decimal");

        Fill(ledger, Side.Sell, "99", "2");

        ledger.Quantity.Should().Be(Fixed8.Zero);
        ledger.Cost.Should().Be(0m);
        ledger.RealizedPnl.Should().Be(-1m, "sold for 300, bought for 301: the rounding of the share cancels out");
        ledger.AverageEntryPrice.Should().Be(0m);
    }

    [Fact]
    public void Unrealized_pnl_is_the_open_quantity_at_the_mark_minus_its_cost()
    {
        var ledger = new PositionLedger();
        Fill(ledger, Side.Buy, "100", "1.5");

        ledger.UnrealizedPnl(Fixed8.Parse("98.5")).Should().Be(-2.25m);
    }

    [Fact]
    public void Rebasing_values_a_carried_position_at_the_first_mark()
    {
        var ledger = new PositionLedger();
        ledger.Restore(Fixed8.Parse("0.5"), 30_000m);

        ledger.Rebase(Fixed8.Parse("61000"));

        ledger.Cost.Should().Be(30_500m);
        ledger.RealizedPnl.Should().Be(0m);
        ledger.UnrealizedPnl(Fixed8.Parse("61000")).Should().Be(0m);
    }
}
