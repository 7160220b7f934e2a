using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Risk;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Risk;

/// <summary>The pre-trade gate: one rejection reason per rule, rounding to the pair's precision, exits through a halt.</summary>
public sealed class RiskManagerTests
{
    private static readonly MarketFeatures Market = Ticks.Quote(bid: "60000", ask: "60000.01");

    private static RiskManager Gate(TradingPairOptions? pair = null, Action<ExecutionOptions>? execution = null, decimal btc = 0m)
    {
        var options = new ExecutionOptions();
        execution?.Invoke(options);
        InstrumentSet instruments = TestOptions.Instruments(pair ?? TestOptions.Btc());
        var account = new TradingAccount(instruments, TestOptions.Balances(("USDC", 10_000m), ("BTC", btc)));
        return new RiskManager(instruments, options, new RiskOptions(), account);
    }

    private static OrderRequest Intent(Side side, string quantity, string price = "60000.01", OrderType type = OrderType.Limit,
        OrderPurpose purpose = OrderPurpose.Entry, long id = 1) =>
        new(id, 0, side, type, TimeInForce.Ioc, Fixed8.Parse(price), Fixed8.Parse(quantity), purpose, -1, 1, Events.At(0), 1, 0);

    private static RejectReason Check(RiskManager gate, in OrderRequest intent, MarketFeatures? features = null)
    {
        gate.TryApprove(intent, features ?? Market, out _, out RejectReason reason);
        return reason;
    }

    private static ExecutionReport Final(long orderId, OrderStatus status = OrderStatus.Canceled) =>
        new(orderId, 0, Side.Buy, status, OrderPurpose.Entry, RejectReason.None, 0, default, default, 0m, Liquidity.None, default, default, Events.At(0), 0);

    [Fact]
    public void Approves_an_order_rounded_to_the_pairs_precision()
    {
        RiskManager gate = Gate();

        gate.TryApprove(Intent(Side.Buy, "0.01234567", price: "60000.129"), Market, out OrderRequest order, out RejectReason reason).Should().BeTrue();

        reason.Should().Be(RejectReason.None);
        order.Quantity.Should().Be(Fixed8.Parse("0.012345"), "quantities are truncated to 6 decimals");
        order.Price.Should().Be(Fixed8.Parse("60000.12"), "a buy never pays more than the engine decided");
        gate.Approved.Should().Be(1);
        gate.Account.WorkingOrders.Should().Be(1);
    }

    [Theory]
    [InlineData("60000.121", "60000.13")]
    [InlineData("60000.12", "60000.12")]
    public void A_limit_sell_rounds_its_price_up_never_selling_cheaper_than_decided(string price, string rounded)
    {
        RiskManager gate = Gate(btc: 1m);

        gate.TryApprove(Intent(Side.Sell, "0.01", price, purpose: OrderPurpose.TakeProfit), Market, out OrderRequest order, out _).Should().BeTrue();

        order.Price.Should().Be(Fixed8.Parse(rounded));
    }

    [Fact]
    public void BookNotSynced_when_the_book_is_not_tradeable()
    {
        RiskManager gate = Gate();

        Check(gate, Intent(Side.Buy, "0.01"), Market with { Tradeable = false }).Should().Be(RejectReason.BookNotSynced);
        Check(gate, Intent(Side.Sell, "0.01", purpose: OrderPurpose.StopLoss), Market with { Tradeable = false })
            .Should().Be(RejectReason.BookNotSynced, "not even an exit trades on a book we cannot trust");
    }

    [Fact]
    public void TradingHalted_for_entries_while_halted()
    {
        RiskManager gate = Gate();
        gate.Halt("kill switch");

        Check(gate, Intent(Side.Buy, "0.01")).Should().Be(RejectReason.TradingHalted);

        gate.HaltReason.Should().Be("kill switch");
        gate.Resume();
        Check(gate, Intent(Side.Buy, "0.01")).Should().Be(RejectReason.None);
    }

    [Theory]
    [InlineData(OrderPurpose.TakeProfit, OrderType.Limit)]
    [InlineData(OrderPurpose.StopLoss, OrderType.Market)]
    [InlineData(OrderPurpose.SignalExit, OrderType.Limit)]
    [InlineData(OrderPurpose.Flatten, OrderType.Market)]
    public void Exits_pass_a_halt(OrderPurpose purpose, OrderType type)
    {
        RiskManager gate = Gate(btc: 1m);
        gate.Halt("kill switch");

        Check(gate, Intent(Side.Sell, "0.05", price: "60000", type: type, purpose: purpose)).Should().Be(RejectReason.None);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.009")]
    public void InvalidPrice_when_a_limit_price_rounds_to_nothing(string price)
    {
        Check(Gate(), Intent(Side.Buy, "0.01", price)).Should().Be(RejectReason.InvalidPrice);
    }

    [Fact]
    public void BelowMinQuantity_after_truncation_to_the_quantity_precision()
    {
        RiskManager gate = Gate();

        Check(gate, Intent(Side.Buy, "0.00099999")).Should().Be(RejectReason.BelowMinQuantity, "0.00099999 truncates to 0.000999 < 0.001");
        Check(gate, Intent(Side.Buy, "0.001")).Should().Be(RejectReason.None);
    }

    [Fact]
    public void BelowMinNotional_values_a_limit_at_its_price_and_a_market_order_at_the_touch()
    {
        TradingPairOptions pair = TestOptions.Btc();
        pair.MinNotional = 60.00001m;
        RiskManager gate = Gate(pair, btc: 1m);

        Check(gate, Intent(Side.Buy, "0.001", price: "60000")).Should().Be(RejectReason.BelowMinNotional, "0.001 × 60,000 = 60");
        Check(gate, Intent(Side.Buy, "0.001", type: OrderType.Market, id: 2)).Should().Be(RejectReason.None, "0.001 × the 60,000.01 ask");
        Check(gate, Intent(Side.Sell, "0.001", type: OrderType.Market, purpose: OrderPurpose.StopLoss, id: 3))
            .Should().Be(RejectReason.BelowMinNotional, "0.001 × the 60,000 bid");
    }

    [Fact]
    public void MaxPosition_when_a_buy_would_take_the_position_beyond_the_pairs_maximum()
    {
        RiskManager gate = Gate();
        gate.OnReport(new ExecutionReport(7, 0, Side.Buy, OrderStatus.Filled, OrderPurpose.Entry, RejectReason.None, 1, Fixed8.Parse("60000"),
            Fixed8.Parse("0.09"), 0m, Liquidity.Taker, Fixed8.Parse("0.09"), Fixed8.Parse("0.09"), Events.At(0), 0));

        Check(gate, Intent(Side.Buy, "0.010001")).Should().Be(RejectReason.MaxPosition);
        Check(gate, Intent(Side.Buy, "0.01")).Should().Be(RejectReason.None, "exactly MaxPosition is allowed");
    }

    [Fact]
    public void MaxOpenOrders_counts_orders_not_yet_final()
    {
        RiskManager gate = Gate(execution: o => o.MaxOpenOrders = 2);
        Check(gate, Intent(Side.Buy, "0.01", id: 1)).Should().Be(RejectReason.None);
        Check(gate, Intent(Side.Buy, "0.01", id: 2)).Should().Be(RejectReason.None);

        Check(gate, Intent(Side.Buy, "0.01", id: 3)).Should().Be(RejectReason.MaxOpenOrders);

        gate.OnReport(Final(1));
        Check(gate, Intent(Side.Buy, "0.01", id: 4)).Should().Be(RejectReason.None);
    }

    [Fact]
    public void MaxDailyOrders_counts_approved_orders_per_UTC_day()
    {
        RiskManager gate = Gate(execution: o => o.MaxDailyOrders = 2);
        gate.OnTick(Ticks.At(0, Market));
        for (int id = 1; id <= 2; id++)
        {
            Check(gate, Intent(Side.Buy, "0.01", id: id)).Should().Be(RejectReason.None);
            gate.OnReport(Final(id));
        }

        Check(gate, Intent(Side.Buy, "0.01", id: 3)).Should().Be(RejectReason.MaxDailyOrders);

        // T0 is 23:54:13 UTC; 347 s later a new UTC day begins.
        gate.OnTick(Ticks.At(346_999, Market));
        Check(gate, Intent(Side.Buy, "0.01", id: 4)).Should().Be(RejectReason.MaxDailyOrders);
        gate.OnTick(Ticks.At(347_000, Market));
        Check(gate, Intent(Side.Buy, "0.01", id: 5)).Should().Be(RejectReason.None);
    }

    [Fact]
    public void Every_rejection_is_counted_by_reason()
    {
        RiskManager gate = Gate();
        Check(gate, Intent(Side.Buy, "0.0001"));
        Check(gate, Intent(Side.Buy, "0.0002"));
        Check(gate, Intent(Side.Buy, "0.01"), Market with { Tradeable = false });
        Check(gate, Intent(Side.Buy, "0.01"));

        gate.Rejected.Should().Be(3);
        gate.Approved.Should().Be(1);
        gate.RejectionsFor(RejectReason.BelowMinQuantity).Should().Be(2);
        gate.RejectionsByReason().Should().Equal(new Dictionary<string, long> { ["belowMinQuantity"] = 2, ["bookNotSynced"] = 1 });
    }
}
