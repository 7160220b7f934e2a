using FlashTrader.Core.Configuration;
using FlashTrader.Core.Decisions;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Decisions;

/// <summary>Entry budgets per sizing mode on an account of 10,000 USDC and no coins (equity 10,000).</summary>
public sealed class EntrySizerTests
{
    private static readonly InstrumentSet Instruments = TestOptions.Instruments(TestOptions.Btc(), TestOptions.Eth());

    private static TradingAccount Account() => new(Instruments, TestOptions.Balances(("USDC", 10_000m), ("BTC", 0m), ("ETH", 0m)));

    private static EntrySizer Sizer(Action<SizingOptions>? configure = null)
    {
        var options = new SizingOptions();
        configure?.Invoke(options);
        return new EntrySizer(options, positionSizeFraction: 0.25, Instruments.Count);
    }

    private static void Trade(TradingAccount account, decimal profit)
    {
        account.ClosedTrades.OnExitFill(0, profit);
        account.ClosedTrades.OnExitFinal(0);
    }

    [Fact]
    public void Score_mode_the_default_spends_the_position_fraction_of_the_free_quote_scaled_by_strength()
    {
        Sizer().Budget(Account(), 0, strength: 0.5, askPrice: 60_000m).Should().Be(1_250m, "10,000 x 0.25 x 0.5");
    }

    [Fact]
    public void Funds_locked_by_a_working_buy_are_not_spent_again()
    {
        TradingAccount account = Account();
        account.OnOrderSent(new OrderRequest(1, 1, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Fixed8.Parse("2000"), Fixed8.Parse("3"), OrderPurpose.Entry, -1, 1, 0, 1, 0));

        account.AvailableQuote(0).Should().Be(4_000m, "the resting ETH buy locks 6,000 of the shared USDC");
        Sizer().Budget(account, 0, strength: 1, askPrice: 60_000m).Should().Be(1_000m, "4,000 x 0.25");

        account.OnReport(new ExecutionReport(1, 1, Side.Buy, OrderStatus.PartiallyFilled, OrderPurpose.Entry, RejectReason.None, 1, Fixed8.Parse("2000"), Fixed8.Parse("1"), 0m,
            Liquidity.Maker, Fixed8.Parse("1"), Fixed8.Parse("3"), 0, 1));
        account.AvailableQuote(0).Should().Be(4_000m, "a fill turns locked USDC into ETH: 8,000 left, 4,000 of it still locked");
    }

    [Fact]
    public void Fixed_mode_spends_the_fixed_quote()
    {
        Sizer(o => (o.Mode, o.FixedQuote) = ("Fixed", 750m)).Budget(Account(), 0, 0.1, 60_000m).Should().Be(750m);
    }

    [Fact]
    public void PercentOfEquity_mode_spends_a_share_of_equity()
    {
        Sizer(o => (o.Mode, o.EquityPercent) = ("PercentOfEquity", 10)).Budget(Account(), 0, 0.1, 60_000m).Should().Be(1_000m);
    }

    [Fact]
    public void The_share_of_profit_not_reinvested_is_banked_and_never_sized_from()
    {
        TradingAccount account = Account();
        Trade(account, 100m);
        Trade(account, -20m);
        EntrySizer sizer = Sizer(o => (o.Mode, o.EquityPercent, o.ReinvestShare) = ("PercentOfEquity", 10, 0.25));

        sizer.Banked(account).Should().Be(60m, "75% of the net 80 realized");
        sizer.Budget(account, 0, 1, 60_000m).Should().Be(994m, "10% of (10,000 - 60)");
        sizer.Spendable(account, 0).Should().Be(9_940m);
    }

    [Fact]
    public void Atr_mode_risks_a_share_of_equity_over_a_multiple_of_the_ATR_of_mid_bars()
    {
        EntrySizer sizer = Sizer(o => (o.Mode, o.AtrPeriod, o.AtrBarMs, o.RiskPercent, o.AtrMultiple) = ("Atr", 2, 1_000, 1, 2));
        for (int bar = 0; bar < 4; bar++)
        {
            // Each bar: 100, 110, 105 -> high 110, low 100, close 105: a true range of 10.
            sizer.OnMid(0, Events.At(bar * 1_000), 100);
            sizer.OnMid(0, Events.At((bar * 1_000) + 300), 110);
            sizer.OnMid(0, Events.At((bar * 1_000) + 600), 105);
        }

        sizer.Atr(0).Should().Be(10);
        sizer.Budget(Account(), 0, 1, askPrice: 105m).Should().Be(525m, "100 risked over 2 x 10 is 5 units at 105");
        sizer.Budget(Account(), 1, 1, askPrice: 2_000m).Should().Be(0, "no entry before ETH's volatility is measured");
    }

    [Fact]
    public void Kelly_mode_bets_the_fraction_of_the_Kelly_share_measured_on_closed_trades()
    {
        EntrySizer sizer = Sizer(o => (o.Mode, o.KellyFraction, o.KellyMinTrades, o.EquityPercent) = ("Kelly", 0.5, 4, 5));
        TradingAccount account = Account();
        Trade(account, 20m);
        Trade(account, -10m);
        Trade(account, 20m);
        sizer.Budget(account, 0, 1, 60_000m).Should().Be(500m, "three trades are too few: 5% of equity until four");

        Trade(account, -10m);

        account.ClosedTrades.WinRate.Should().Be(0.5);
        account.ClosedTrades.PayoffRatio.Should().Be(2);
        sizer.Budget(account, 0, 1, 60_000m).Should().Be(1_250m, "Kelly 0.5 - 0.5 / 2 = 0.25, half of it 0.125 of 10,000");
    }

    [Fact]
    public void Kelly_mode_does_not_enter_without_an_edge()
    {
        EntrySizer sizer = Sizer(o => (o.Mode, o.KellyMinTrades) = ("Kelly", 4));
        TradingAccount account = Account();
        Trade(account, 10m);
        Trade(account, -10m);
        Trade(account, -10m);
        Trade(account, -10m);

        EntrySizer.KellyShare(0.25, 1).Should().Be(-0.5);
        sizer.Budget(account, 0, 1, 60_000m).Should().Be(0);
    }

    [Fact]
    public void Building_ATR_bars_allocates_nothing_per_tick()
    {
        EntrySizer sizer = Sizer(o => (o.Mode, o.AtrBarMs) = ("Atr", 1_000));
        sizer.OnMid(0, Events.At(0), 100);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            sizer.OnMid(0, Events.At(i * 10), 100 + (i % 7));
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
