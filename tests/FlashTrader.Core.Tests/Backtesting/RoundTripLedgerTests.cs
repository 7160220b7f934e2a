using FlashTrader.Core.Backtesting;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using static FlashTrader.Core.Tests.Backtesting.BacktestFixture;

namespace FlashTrader.Core.Tests.Backtesting;

public sealed class RoundTripLedgerTests
{
    private static RoundTripLedger Fixture(bool keepTrips = true)
    {
        var ledger = new RoundTripLedger(2, keepTrips);
        foreach ((var fill, int source) in Fills)
        {
            ledger.OnFill(fill, source);
        }

        ledger.Finish(T0 + (3 * Minute));
        return ledger;
    }

    [Fact]
    public void Fills_group_into_round_trips_that_close_when_the_position_is_flat()
    {
        RoundTripLedger ledger = Fixture();

        ledger.Closed.Should().HaveCount(2);
        RoundTrip btc = ledger.Closed[0];
        btc.SymbolId.Should().Be(0);
        btc.EntryTimeNs.Should().Be(T0 + (10 * Second));
        btc.ExitTimeNs.Should().Be(T0 + (70 * Second));
        btc.Quantity.Should().Be(Fixed8.One);
        btc.EntryValue.Should().Be(101m);
        btc.ExitValue.Should().Be(105m);
        btc.Fees.Should().Be(0.206m);
        btc.NetPnl.Should().Be(3.794m);
        btc.GrossPnl.Should().Be(4m);
        btc.AverageEntryPrice.Should().Be(101m);
        btc.AverageExitPrice.Should().Be(105m);
        btc.EntryFills.Should().Be(2);
        btc.ExitFills.Should().Be(1);
        btc.SignalSource.Should().Be(0);
        btc.ExitPurpose.Should().Be(OrderPurpose.TakeProfit);
        btc.Session.Should().Be(TradingSession.Asia);
        btc.ReturnPercent.Should().BeApproximately(3.7564356435643564, 1e-12);

        RoundTrip eth = ledger.Closed[1];
        eth.NetPnl.Should().Be(-2m);
        eth.SignalSource.Should().Be(2);
        eth.ExitPurpose.Should().Be(OrderPurpose.StopLoss);
        eth.HoldingNs.Should().Be(90 * Second);
    }

    [Fact]
    public void Totals_are_kept_without_the_trips()
    {
        RoundTripLedger ledger = Fixture(keepTrips: false);

        ledger.Closed.Should().BeEmpty();
        ledger.Totals.Trades.Should().Be(2);
        ledger.Totals.Wins.Should().Be(1);
        ledger.Totals.Losses.Should().Be(1);
        ledger.Totals.GrossProfit.Should().Be(3.794m);
        ledger.Totals.GrossLoss.Should().Be(-2m);
        ledger.Totals.ProfitFactor.Should().BeApproximately(1.897, 1e-12);
        ledger.Totals.Expectancy.Should().Be(0.897m);
        ledger.Turnover.Should().Be(404m);
        ledger.Fees.Should().Be(0.206m);
        ledger.FillCount.Should().Be(5);
        // BTC held 10 s .. 70 s and ETH 60 s .. 150 s overlap: in the market 10 s .. 150 s.
        ledger.TimeInMarketNs.Should().Be(140 * Second);
    }

    [Fact]
    public void A_position_open_at_the_end_is_not_a_trade_but_counts_as_time_in_market()
    {
        var ledger = new RoundTripLedger(1);
        ledger.OnFill(Fill(1, 0, Side.Buy, "100", "1", 0m, T0), 1);
        ledger.OnFill(Fill(2, 0, Side.Sell, "101", "0.4", 0m, T0 + Second, OrderPurpose.SignalExit), -1);
        ledger.Finish(T0 + (5 * Second));

        ledger.Closed.Should().BeEmpty();
        ledger.Totals.Trades.Should().Be(0);
        ledger.TimeInMarketNs.Should().Be(5 * Second);
        RoundTrip? open = ledger.OpenTrip(0, T0 + (5 * Second));
        open.Should().NotBeNull();
        open!.Quantity.Should().Be(Fixed8.Parse("0.6"));
        open.ExitValue.Should().Be(40.4m);
        open.SignalSource.Should().Be(1);
    }

    [Fact]
    public void A_sell_without_a_position_opened_here_is_not_part_of_a_trip()
    {
        var ledger = new RoundTripLedger(1);
        ledger.OnFill(Fill(1, 0, Side.Sell, "100", "1", 0.1m, T0), -1);

        ledger.Closed.Should().BeEmpty();
        ledger.Turnover.Should().Be(100m);
        ledger.Fees.Should().Be(0.1m);
    }
}
