using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Execution;

/// <summary>
/// BTCUSDC with a 2 bps maker and 10 bps taker fee; the book is bids 1 @ 99, 2 @ 98 and asks 0.5 @ 100, 3 @ 101;
/// 1,000 USDC unless a test says otherwise; slippage off unless a test turns it on.
/// </summary>
public sealed class PaperExchangeTests
{
    private const int Usdc = 0;
    private const int Btc = 1;
    private readonly List<ExecutionReport> _reports = [];

    private PaperExchange Exchange(decimal usdc = 1_000m, decimal btc = 0m, bool slippage = false, bool withBook = true)
    {
        TradingPairOptions pair = TestOptions.Btc();
        pair.MaxPosition = 10m;
        pair.MakerFee = 0.0002m;
        pair.TakerFee = 0.001m;
        var options = new PaperTradingOptions
        {
            InitialBalance = TestOptions.Balances(("USDC", usdc), ("BTC", btc)),
            SimulateSlippage = slippage,
            SlippageBps = 2,
        };
        var exchange = new PaperExchange(TestOptions.Instruments(pair), options);
        if (withBook)
        {
            exchange.OnMarketEvent(Events.Snapshot(100, bids: "1@99, 2@98", asks: "0.5@100, 3@101"), _reports);
        }

        return exchange;
    }

    private static OrderRequest Order(long id, Side side, string quantity, OrderType type = OrderType.Market, TimeInForce tif = TimeInForce.Ioc,
        string price = "0") =>
        new(id, 0, side, type, tif, Fixed8.Parse(price), Fixed8.Parse(quantity), side == Side.Buy ? OrderPurpose.Entry : OrderPurpose.SignalExit,
            -1, 1, Events.At(0), 7, 0);

    private List<ExecutionReport> Submit(PaperExchange exchange, in OrderRequest order)
    {
        _reports.Clear();
        exchange.Submit(order, Events.At(0), _reports);
        return _reports;
    }

    private List<ExecutionReport> OnEvent(PaperExchange exchange, in MarketEvent ev)
    {
        _reports.Clear();
        exchange.OnMarketEvent(ev, _reports);
        return _reports;
    }

    private static string Fills(IEnumerable<ExecutionReport> reports) =>
        string.Join(", ", reports.Where(r => r.IsFill).Select(r => $"{r.LastQuantity}@{r.LastPrice}"));

    [Fact]
    public void A_market_buy_walks_the_asks_in_price_order()
    {
        PaperExchange exchange = Exchange();

        List<ExecutionReport> reports = Submit(exchange, Order(1, Side.Buy, "2"));

        reports.Should().Equal(
            new ExecutionReport(1, 0, Side.Buy, OrderStatus.PartiallyFilled, OrderPurpose.Entry, RejectReason.None, 1, Fixed8.Parse("100"),
                Fixed8.Parse("0.5"), 0.05m, Liquidity.Taker, Fixed8.Parse("0.5"), Fixed8.Parse("2"), Events.At(0), 7),
            new ExecutionReport(1, 0, Side.Buy, OrderStatus.Filled, OrderPurpose.Entry, RejectReason.None, 2, Fixed8.Parse("101"),
                Fixed8.Parse("1.5"), 0.1515m, Liquidity.Taker, Fixed8.Parse("2"), Fixed8.Parse("2"), Events.At(0), 7));
        exchange.Wallet.Free(Usdc).Should().Be(1_000m - 50m - 0.05m - 151.5m - 0.1515m);
        exchange.Wallet.Free(Btc).Should().Be(2m);
        exchange.Positions[0].Quantity.Should().Be(Fixed8.Parse("2"));
        exchange.Positions[0].Cost.Should().Be(201.5m);
        exchange.FillCount.Should().Be(2);
    }

    [Fact]
    public void Liquidity_taken_is_not_taken_again_until_the_book_changes()
    {
        PaperExchange exchange = Exchange();
        Submit(exchange, Order(1, Side.Buy, "2"));

        Fills(Submit(exchange, Order(2, Side.Buy, "1"))).Should().Be("1@101", "the 0.5 at 100 and 1.5 of the 3 at 101 are gone");
        Fills(Submit(exchange, Order(3, Side.Buy, "1"))).Should().Be("0.5@101");

        OnEvent(exchange, Events.Diff(101, 101, bids: "1.5@99"));
        Fills(Submit(exchange, Order(4, Side.Buy, "1"))).Should().BeEmpty("the asks did not change: what we took is still gone");

        OnEvent(exchange, Events.Diff(102, 102, asks: "0.8@100"));
        Fills(Submit(exchange, Order(5, Side.Buy, "1"))).Should().Be("0.8@100", "a new state of a level offers it afresh; 101 is unchanged and spent");
    }

    [Fact]
    public void An_IOC_order_larger_than_the_book_fills_what_there_is_and_cancels_the_rest()
    {
        PaperExchange exchange = Exchange();

        List<ExecutionReport> reports = Submit(exchange, Order(1, Side.Buy, "5", OrderType.Limit, TimeInForce.Ioc, "101"));

        Fills(reports).Should().Be("0.5@100, 3@101");
        reports.Select(r => r.Status).Should().Equal(OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, OrderStatus.PartiallyCanceled);
        reports[^1].CumulativeQuantity.Should().Be(Fixed8.Parse("3.5"));
        reports[^1].RejectReason.Should().Be(RejectReason.None);
        reports[^1].IsFill.Should().BeFalse();
    }

    [Fact]
    public void A_market_order_larger_than_the_book_is_partially_canceled()
    {
        PaperExchange exchange = Exchange(usdc: 10_000m);

        List<ExecutionReport> reports = Submit(exchange, Order(1, Side.Buy, "10"));

        Fills(reports).Should().Be("0.5@100, 3@101");
        reports[^1].Status.Should().Be(OrderStatus.PartiallyCanceled);
        reports[^1].Status.ToWire().Should().Be("PARTIALLY_CANCELED");
    }

    [Fact]
    public void A_limit_IOC_that_does_not_reach_the_book_is_canceled_for_lack_of_liquidity()
    {
        PaperExchange exchange = Exchange();

        List<ExecutionReport> reports = Submit(exchange, Order(1, Side.Buy, "1", OrderType.Limit, TimeInForce.Ioc, "99.99"));

        reports.Should().ContainSingle().Which.Should().Match<ExecutionReport>(r => r.Status == OrderStatus.Canceled && r.RejectReason == RejectReason.NoLiquidity);
        exchange.Wallet.Free(Usdc).Should().Be(1_000m);
    }

    [Fact]
    public void A_limit_buy_stops_walking_at_its_price()
    {
        PaperExchange exchange = Exchange();

        Fills(Submit(exchange, Order(1, Side.Buy, "2", OrderType.Limit, TimeInForce.Ioc, "100"))).Should().Be("0.5@100");
    }

    [Fact]
    public void A_sell_walks_the_bids_and_pays_its_fee_in_the_quote_asset()
    {
        PaperExchange exchange = Exchange(usdc: 0m, btc: 2m);

        List<ExecutionReport> reports = Submit(exchange, Order(1, Side.Sell, "1.5"));

        Fills(reports).Should().Be("1@99, 0.5@98");
        reports.Select(r => r.Fee).Should().Equal(0.099m, 0.049m);
        exchange.Wallet.Free(Usdc).Should().Be(99m - 0.099m + 49m - 0.049m);
        exchange.Wallet.Free(Btc).Should().Be(0.5m, "the fee never comes out of the base asset");
    }

    [Fact]
    public void Slippage_is_added_against_the_order_only_when_enabled_rounded_to_the_tick()
    {
        PaperExchange slipping = Exchange(btc: 1m, slippage: true);

        Fills(Submit(slipping, Order(1, Side.Buy, "2"))).Should().Be("0.5@100.02, 1.5@101.03", "100 × 1.0002 = 100.02; 101 × 1.0002 = 101.0202, rounded up");
        Fills(Submit(slipping, Order(2, Side.Sell, "1"))).Should().Be("1@98.98", "99 × 0.9998 = 98.9802, rounded down");

        PaperExchange exact = Exchange(btc: 1m, slippage: false);
        Fills(Submit(exact, Order(1, Side.Buy, "2"))).Should().Be("0.5@100, 1.5@101");
        Fills(Submit(exact, Order(2, Side.Sell, "1"))).Should().Be("1@99");
    }

    [Fact]
    public void Slippage_never_takes_a_limit_order_beyond_its_limit_price()
    {
        PaperExchange exchange = Exchange(btc: 1m, slippage: true);

        Fills(Submit(exchange, Order(1, Side.Buy, "2", OrderType.Limit, TimeInForce.Ioc, "101"))).Should().Be("0.5@100.02, 1.5@101",
            "100.02 is within the limit; 101.03 is not, so the 101 level fills at the limit");
        Fills(Submit(exchange, Order(2, Side.Sell, "0.5", OrderType.Limit, TimeInForce.Ioc, "99"))).Should().Be("0.5@99");
    }

    [Fact]
    public void A_GTC_limit_rests_locking_its_cost_and_later_fills_as_maker()
    {
        PaperExchange exchange = Exchange();

        List<ExecutionReport> placed = Submit(exchange, Order(1, Side.Buy, "1", OrderType.Limit, TimeInForce.Gtc, "99.5"));
        placed.Should().ContainSingle().Which.Status.Should().Be(OrderStatus.New);
        exchange.OpenOrders.Should().ContainSingle().Which.Locked.Should().Be(99.5199m, "99.5 plus the 2 bps maker fee");
        exchange.Wallet.Free(Usdc).Should().Be(900.4801m);
        exchange.Wallet.Locked(Usdc).Should().Be(99.5199m);

        // Asks come down to our price: 0.4 of the order fills as maker, at our price.
        List<ExecutionReport> first = OnEvent(exchange, Events.Diff(101, 101, asks: "0.4@99.5"));
        first.Should().ContainSingle().Which.Should().Be(new ExecutionReport(1, 0, Side.Buy, OrderStatus.PartiallyFilled, OrderPurpose.Entry,
            RejectReason.None, 1, Fixed8.Parse("99.5"), Fixed8.Parse("0.4"), 0.00796m, Liquidity.Maker, Fixed8.Parse("0.4"), Fixed8.One, Events.At(0), 7));
        exchange.Wallet.Locked(Usdc).Should().Be(59.71194m);

        OnEvent(exchange, Events.Diff(102, 102, asks: "0@99.5")).Should().BeEmpty();
        OnEvent(exchange, Events.Trade("99.6", "5", Side.Sell)).Should().BeEmpty("a trade above our bid does not reach it");
        OnEvent(exchange, Events.Trade("99.4", "5", Side.Buy)).Should().BeEmpty("buyers lifting asks never meet our bid");

        List<ExecutionReport> rest = OnEvent(exchange, Events.Trade("99.4", "5", Side.Sell, atMs: 3));
        rest.Should().ContainSingle().Which.Should().Match<ExecutionReport>(r =>
            r.Status == OrderStatus.Filled && r.LastQuantity == Fixed8.Parse("0.6") && r.Fee == 0.01194m && r.Liquidity == Liquidity.Maker
            && r.TimeNs == Events.At(3));
        exchange.OpenOrders.Should().BeEmpty();
        exchange.Wallet.Locked(Usdc).Should().Be(0m);
        exchange.Wallet.Free(Usdc).Should().Be(1_000m - 99.5m - 0.0199m);
        exchange.Wallet.Free(Btc).Should().Be(1m);
    }

    [Fact]
    public void A_GTC_limit_that_crosses_takes_what_it_can_and_rests_the_remainder()
    {
        PaperExchange exchange = Exchange();

        List<ExecutionReport> reports = Submit(exchange, Order(1, Side.Buy, "2", OrderType.Limit, TimeInForce.Gtc, "100"));

        Fills(reports).Should().Be("0.5@100");
        reports[^1].Status.Should().Be(OrderStatus.PartiallyFilled);
        exchange.OpenOrders.Should().ContainSingle().Which.Remaining.Should().Be(Fixed8.Parse("1.5"));
        exchange.Wallet.Locked(Usdc).Should().Be(150.03m, "1.5 × 100 × 1.0002");
    }

    [Fact]
    public void Canceling_all_resting_orders_releases_their_locked_balance()
    {
        PaperExchange exchange = Exchange();
        Submit(exchange, Order(1, Side.Buy, "1", OrderType.Limit, TimeInForce.Gtc, "99.5"));

        _reports.Clear();
        exchange.CancelAll(Events.At(1), _reports);

        _reports.Should().ContainSingle().Which.Status.Should().Be(OrderStatus.Canceled);
        exchange.OpenOrders.Should().BeEmpty();
        exchange.Wallet.Free(Usdc).Should().Be(1_000m);
        exchange.Wallet.Locked(Usdc).Should().Be(0m);
    }

    [Fact]
    public void A_fill_or_kill_order_fills_completely_or_not_at_all()
    {
        PaperExchange exchange = Exchange();

        List<ExecutionReport> killed = Submit(exchange, Order(1, Side.Buy, "3.6", OrderType.Limit, TimeInForce.Fok, "101"));
        killed.Should().ContainSingle().Which.Should().Match<ExecutionReport>(r => r.Status == OrderStatus.Canceled && r.RejectReason == RejectReason.NoLiquidity);
        exchange.Wallet.Free(Usdc).Should().Be(1_000m);
        exchange.FillCount.Should().Be(0);

        List<ExecutionReport> filled = Submit(exchange, Order(2, Side.Buy, "3.5", OrderType.Limit, TimeInForce.Fok, "101"));
        Fills(filled).Should().Be("0.5@100, 3@101");
        filled[^1].Status.Should().Be(OrderStatus.Filled);
    }

    [Theory]
    [InlineData(100, Side.Buy, "2", "the walk costs 201.5 plus 0.2015 fee")]
    [InlineData(1_000, Side.Sell, "0.5", "there is no BTC to sell")]
    public void An_order_the_balance_cannot_pay_is_rejected_whole(int usdc, Side side, string quantity, string because)
    {
        PaperExchange exchange = Exchange(usdc: usdc);

        List<ExecutionReport> reports = Submit(exchange, Order(1, side, quantity));

        reports.Should().ContainSingle().Which.Should().Match<ExecutionReport>(r => r.Status == OrderStatus.Rejected && r.RejectReason == RejectReason.InsufficientBalance, because);
        exchange.Wallet.Free(Usdc).Should().Be(usdc);
        exchange.Rejections.Should().Be(1);
        exchange.RejectionsByReason().Should().Equal(new Dictionary<string, long> { ["insufficientBalance"] = 1 });
    }

    [Fact]
    public void A_GTC_buy_must_be_covered_in_full_at_its_limit_price_including_the_maker_fee()
    {
        PaperExchange exchange = Exchange(usdc: 99.5199m);
        Submit(exchange, Order(1, Side.Buy, "1", OrderType.Limit, TimeInForce.Gtc, "99.5")).Should().ContainSingle().Which.Status.Should().Be(OrderStatus.New);

        PaperExchange shortByACent = Exchange(usdc: 99.5198m);
        Submit(shortByACent, Order(1, Side.Buy, "1", OrderType.Limit, TimeInForce.Gtc, "99.5")).Should().ContainSingle()
            .Which.RejectReason.Should().Be(RejectReason.InsufficientBalance);
    }

    [Fact]
    public void Orders_are_refused_on_a_book_that_is_not_tradeable()
    {
        PaperExchange exchange = Exchange(withBook: false);

        Submit(exchange, Order(1, Side.Buy, "1")).Should().ContainSingle().Which.RejectReason.Should().Be(RejectReason.BookNotSynced);
    }

    [Fact]
    public void A_limit_order_without_a_price_is_refused()
    {
        PaperExchange exchange = Exchange();

        Submit(exchange, Order(1, Side.Buy, "1", OrderType.Limit)).Should().ContainSingle().Which.RejectReason.Should().Be(RejectReason.InvalidPrice);
    }

    [Fact]
    public void Exported_state_restores_into_a_fresh_exchange()
    {
        PaperExchange exchange = Exchange();
        Submit(exchange, Order(1, Side.Buy, "2"));
        Submit(exchange, Order(2, Side.Buy, "1", OrderType.Limit, TimeInForce.Gtc, "99.5"));
        PaperExchangeState state = exchange.Export();

        PaperExchange restored = Exchange(usdc: 0m, withBook: false);
        restored.Restore(state);

        restored.Export().Should().BeEquivalentTo(state);
        restored.NextFillId.Should().Be(3);
        restored.OpenOrders.Should().ContainSingle().Which.Request.Should().Be(Order(2, Side.Buy, "1", OrderType.Limit, TimeInForce.Gtc, "99.5"));
        restored.Positions[0].Cost.Should().Be(201.5m);
        restored.Wallet.Locked(Usdc).Should().Be(99.5199m);
    }
}
