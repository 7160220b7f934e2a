using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Execution;

/// <summary>MEXC's order types and refusals on the BTCUSDC book of <see cref="Exchanges"/> (1,000 USDC, 1 BTC; no latency).</summary>
public sealed class OrderTypeTests
{
    private readonly List<ExecutionReport> _reports = [];

    private List<ExecutionReport> Submit(in OrderRequest order, PaperExchange? exchange = null)
    {
        _reports.Clear();
        (exchange ?? Exchanges.Btc(Exchanges.Model(), btc: 1m)).Submit(order, Events.At(0), _reports);
        return _reports;
    }

    [Fact]
    public void A_market_buy_by_quote_amount_spends_it_down_to_less_than_one_quantity_step()
    {
        OrderRequest order = Exchanges.Order(1, Side.Buy, "0") with { QuoteQuantity = Fixed8.Parse("150") };

        List<ExecutionReport> reports = Submit(order);

        // 0.5 @ 100 = 50; the other 100 buys 100 / 101 = 0.990099 (6 decimals) for 99.999999.
        Exchanges.Fills(reports).Should().Be("0.5@100, 0.990099@101");
        reports[^1].Should().Match<ExecutionReport>(r => r.Status == OrderStatus.Filled && r.CumulativeQuantity == Fixed8.Parse("1.490099")
            && r.OrderQuantity == Fixed8.Parse("1.490099"));
    }

    [Fact]
    public void A_market_sell_by_quote_amount_sells_what_raises_it()
    {
        List<ExecutionReport> reports = Submit(Exchanges.Order(1, Side.Sell, "0") with { QuoteQuantity = Fixed8.Parse("148.5") }, Exchanges.Btc(Exchanges.Model(), btc: 2m));

        // 1 @ 99 raises 99; the other 49.5 needs 49.5 / 98 = 0.505102 (truncated).
        Exchanges.Fills(reports).Should().Be("1@99, 0.505102@98");
    }

    [Fact]
    public void A_market_order_by_quote_amount_larger_than_the_book_is_partially_canceled()
    {
        List<ExecutionReport> reports = Submit(Exchanges.Order(1, Side.Buy, "0") with { QuoteQuantity = Fixed8.Parse("900") });

        Exchanges.Fills(reports).Should().Be("0.5@100, 3@101");
        reports[^1].Status.Should().Be(OrderStatus.PartiallyCanceled);
    }

    [Fact]
    public void A_limit_maker_that_would_take_is_rejected_whole_and_locks_nothing()
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(), btc: 1m);

        ExecutionReport report = Submit(Exchanges.Order(1, Side.Buy, "0.1", OrderType.LimitMaker, TimeInForce.Gtc, "100"), exchange).Should().ContainSingle().Subject;

        report.Should().Match<ExecutionReport>(r => r.Status == OrderStatus.Rejected && r.RejectReason == RejectReason.WouldTakeLiquidity);
        exchange.OpenOrders.Should().BeEmpty();
        exchange.Wallet.Locked(0).Should().Be(0m);
    }

    [Fact]
    public void A_limit_maker_that_does_not_cross_rests_as_new()
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(), btc: 1m);

        Submit(Exchanges.Order(1, Side.Sell, "0.4", OrderType.LimitMaker, TimeInForce.Gtc, "100"), exchange).Should().ContainSingle()
            .Which.Status.Should().Be(OrderStatus.New);
        exchange.OpenOrders.Single().QueueAhead.Should().Be(Fixed8.Parse("0.5"), "behind the 0.5 displayed at 100");
    }

    [Theory]
    [InlineData("0.0000001", "0", OrderType.Market, RejectReason.InvalidPrecision, 33333, "7 decimals, BTCUSDC allows 6")]
    [InlineData("0.1", "99.123", OrderType.Limit, RejectReason.InvalidPrecision, 33333, "3 price decimals, BTCUSDC allows 2")]
    [InlineData("0.0005", "0", OrderType.Market, RejectReason.BelowMinQuantity, 30002, "below 0.001 BTC")]
    [InlineData("0.001", "0", OrderType.Market, RejectReason.BelowMinNotional, 30002, "0.001 at the 100 ask is 0.1 USDC, below 1")]
    [InlineData("0.005", "99", OrderType.Limit, RejectReason.BelowMinNotional, 30002, "0.005 at 99 is 0.495 USDC")]
    [InlineData("20", "101", OrderType.Limit, RejectReason.InsufficientBalance, 10101, "1,000 USDC cannot cover 20 BTC at 101")]
    [InlineData("0.1", "0", OrderType.LimitMaker, RejectReason.InvalidPrice, 33333, "a LIMIT_MAKER needs a price")]
    public void Orders_MEXC_would_refuse_are_rejected_with_its_error_code(string quantity, string price, OrderType type, RejectReason reason, int code, string because)
    {
        var order = Exchanges.Order(1, Side.Buy, quantity, type, type == OrderType.Market ? TimeInForce.Ioc : TimeInForce.Gtc, price);

        ExecutionReport report = Submit(order).Should().ContainSingle().Subject;

        report.Status.Should().Be(OrderStatus.Rejected, because);
        report.RejectReason.Should().Be(reason, because);
        report.RejectReason.ToMexcCode().Should().Be(code);
    }

    [Fact]
    public void Selling_more_than_the_balance_holds_is_refused_for_insufficient_balance()
    {
        Submit(Exchanges.Order(1, Side.Sell, "1.5")).Should().ContainSingle().Which.RejectReason.Should().Be(RejectReason.InsufficientBalance);
    }

    [Theory]
    [InlineData(OrderType.Market, TimeInForce.Ioc, "MARKET")]
    [InlineData(OrderType.Limit, TimeInForce.Gtc, "LIMIT")]
    [InlineData(OrderType.LimitMaker, TimeInForce.Gtc, "LIMIT_MAKER")]
    [InlineData(OrderType.Limit, TimeInForce.Ioc, "IMMEDIATE_OR_CANCEL")]
    [InlineData(OrderType.Limit, TimeInForce.Fok, "FILL_OR_KILL")]
    public void Order_types_map_to_and_from_MEXC_names(OrderType type, TimeInForce tif, string mexc)
    {
        MexcOrderTypes.ToMexcType(type, tif).Should().Be(mexc);
        MexcOrderTypes.TryParse(mexc, out OrderType parsedType, out TimeInForce parsedTif).Should().BeTrue();
        (parsedType, parsedTif).Should().Be((type, tif));
        MexcOrderTypes.TryParse("STOP_LIMIT", out _, out _).Should().BeFalse();
    }
}
