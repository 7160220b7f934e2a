using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Portfolio;

/// <summary>
/// After any sequence of fills, exactly (decimal equality): equity = starting equity + realized + unrealized - fees,
/// and replaying the fills from the starting balances reproduces the balances.
/// </summary>
public sealed class AccountingIdentityTests
{
    private const int Usdc = 0;
    private const int Btc = 1;

    private static ExecutionReport Fill(long fillId, Side side, string price, string quantity, decimal fee) =>
        new(fillId, 0, side, OrderStatus.Filled, OrderPurpose.Entry, RejectReason.None, fillId, Fixed8.Parse(price), Fixed8.Parse(quantity), fee,
            Liquidity.Taker, Fixed8.Parse(quantity), Fixed8.Parse(quantity), Events.At(0), 0);

    [Fact]
    public void A_trading_account_obeys_the_identity_at_any_mark()
    {
        InstrumentSet instruments = TestOptions.Instruments(TestOptions.Btc());
        var account = new TradingAccount(instruments, TestOptions.Balances(("USDC", 1_000m), ("BTC", 0m)));
        account.OnReport(Fill(1, Side.Buy, "100", "1", 0.1m));
        account.OnReport(Fill(2, Side.Buy, "100.5", "2", 0.201m));
        account.OnReport(Fill(3, Side.Sell, "102", "1", 0.102m));
        account.OnTick(Ticks.At(0, Ticks.Quote("101.24", "101.26")));

        PositionLedger position = account.Position(0);
        account.Mark(0).Should().Be(Fixed8.Parse("101.25"));
        account.Balance("USDC").Should().Be(800.597m);
        account.Balance("BTC").Should().Be(2m);
        account.Equity().Should().Be(1_003.097m);
        account.Equity().Should().Be(1_000m + position.RealizedPnl + position.UnrealizedPnl(account.Mark(0)) - position.Fees);
        position.RealizedPnl.Should().NotBe(Math.Round(position.RealizedPnl, 8), "the realized share of cost is a repeating decimal, and still the identity is exact");
    }

    [Fact]
    public void The_paper_exchange_obeys_the_identity_and_its_fills_replay_to_its_balances()
    {
        TradingPairOptions pair = TestOptions.Btc();
        pair.MaxPosition = 10m;
        pair.MakerFee = 0.0002m;
        pair.TakerFee = 0.001m;
        InstrumentSet instruments = TestOptions.Instruments(pair);
        var paper = new PaperTradingOptions { InitialBalance = TestOptions.Balances(("USDC", 1_000m)), SimulateSlippage = true, SlippageBps = 2 };
        var exchange = new PaperExchange(instruments, paper);
        var reports = new List<ExecutionReport>();
        long id = 0;
        void Submit(Side side, OrderType type, TimeInForce tif, string price, string quantity) =>
            exchange.Submit(new OrderRequest(++id, 0, side, type, tif, Fixed8.Parse(price), Fixed8.Parse(quantity), OrderPurpose.Entry, -1, 1, Events.At(0), id, 0), Events.At(0), reports);

        exchange.OnMarketEvent(Events.Snapshot(100, bids: "1@99, 2@98", asks: "0.5@100, 3@101"), reports);
        Submit(Side.Buy, OrderType.Market, TimeInForce.Ioc, "0", "3");
        Submit(Side.Sell, OrderType.Limit, TimeInForce.Ioc, "98", "1");
        exchange.OnMarketEvent(Events.Diff(101, 101, bids: "0@99, 2@99.5", asks: "0@100, 2@100.25"), reports);
        Submit(Side.Buy, OrderType.Limit, TimeInForce.Gtc, "99.7", "0.7");
        exchange.OnMarketEvent(Events.Trade("99.6", "0.3", Side.Sell, atMs: 1), reports);
        Submit(Side.Sell, OrderType.Market, TimeInForce.Ioc, "0", "0.333333");
        exchange.OnMarketEvent(Events.Diff(102, 102, bids: "1@99.8", asks: "4@100.1"), reports);

        reports.Where(r => r.IsFill).Select(r => $"{r.Side} {r.LastQuantity}@{r.LastPrice} {r.Liquidity}").Should().Equal(
            "Buy 0.5@100.02 Taker",
            "Buy 2.5@101.03 Taker",
            "Sell 1@98.98 Taker",
            "Buy 0.3@99.7 Maker",
            "Sell 0.333333@99.48 Taker");
        exchange.OpenOrders.Should().ContainSingle().Which.Remaining.Should().Be(Fixed8.Parse("0.4"));
        exchange.Mark(0).Should().Be(Fixed8.Parse("99.95"));

        exchange.Equity.Should().Be(exchange.StartingEquity + exchange.RealizedPnl + exchange.UnrealizedPnl - exchange.Fees);
        exchange.StartingEquity.Should().Be(1_000m);

        var replayed = new TradingAccount(instruments, TestOptions.Balances(("USDC", 1_000m)));
        foreach (ExecutionReport report in reports)
        {
            replayed.OnReport(report);
        }

        replayed.Balance("USDC").Should().Be(exchange.Wallet.Total(Usdc));
        replayed.Balance("BTC").Should().Be(exchange.Wallet.Total(Btc));
        replayed.Position(0).Quantity.Should().Be(exchange.Positions[0].Quantity);
        replayed.Position(0).Cost.Should().Be(exchange.Positions[0].Cost);
        replayed.Position(0).RealizedPnl.Should().Be(exchange.RealizedPnl);
        replayed.Position(0).Fees.Should().Be(exchange.Fees);
    }
}
