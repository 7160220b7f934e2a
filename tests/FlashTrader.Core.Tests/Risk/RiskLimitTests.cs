using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Risk;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Risk;

/// <summary>
/// Exposure and rate limits. BTC is marked at 60,000.005 (bid 60,000, ask 60,000.01) and ETH at 2,000.005 (bid 2,000,
/// ask 2,000.01); the account holds 0.01 BTC (600.00005 at the mark) and 10,000 USDC.
/// </summary>
public sealed class RiskLimitTests
{
    private static readonly MarketFeatures Btc = Ticks.Quote(bid: "60000", ask: "60000.01");
    private static readonly MarketFeatures Eth = Ticks.Quote(bid: "2000", ask: "2000.01");

    private static RiskManager Gate(Action<RiskOptions> risk, string heldBtc = "0.01")
    {
        var options = new RiskOptions { MaxDrawdownPercent = 100, DailyLossLimit = 1_000_000m };
        risk(options);
        InstrumentSet instruments = TestOptions.Instruments(TestOptions.Btc(), TestOptions.Eth());
        var account = new TradingAccount(instruments, TestOptions.Balances(("USDC", 10_000m), ("BTC", decimal.Parse(heldBtc, System.Globalization.CultureInfo.InvariantCulture)), ("ETH", 0m)));
        if (Fixed8.Parse(heldBtc).IsPositive)
        {
            account.Restore(0, Fixed8.Parse(heldBtc), 600m);
        }

        var gate = new RiskManager(instruments, new ExecutionOptions(), options, account);
        gate.OnTick(Ticks.At(0, Btc, symbol: 0));
        gate.OnTick(Ticks.At(0, Eth, symbol: 1));
        return gate;
    }

    private static OrderRequest Buy(int symbol, string quantity, long id = 1, int source = -1, double atMs = 0) =>
        new(id, symbol, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Fixed8.Parse(symbol == 0 ? "60000.01" : "2000.01"), Fixed8.Parse(quantity),
            OrderPurpose.Entry, source, 1, Events.At(atMs), 1, 0);

    private static RejectReason Check(RiskManager gate, in OrderRequest order, MarketFeatures? features = null)
    {
        gate.TryApprove(order, features ?? (order.SymbolId == 0 ? Btc : Eth), out _, out RejectReason reason);
        return reason;
    }

    private static ExecutionReport Fill(in OrderRequest order) =>
        new(order.OrderId, order.SymbolId, order.Side, OrderStatus.Filled, order.Purpose, RejectReason.None, order.OrderId, order.Price, order.Quantity, 0m,
            Liquidity.Taker, order.Quantity, order.Quantity, order.DecisionTimeNs, 1);

    private static ExecutionReport Canceled(in OrderRequest order) =>
        new(order.OrderId, order.SymbolId, order.Side, OrderStatus.Canceled, order.Purpose, RejectReason.None, 0, default, default, 0m,
            Liquidity.None, default, order.Quantity, order.DecisionTimeNs, 1);

    [Fact]
    public void MaxNotional_counts_the_position_at_the_mark_and_the_working_buys_of_the_pair()
    {
        RiskManager gate = Gate(r => r.MaxNotionalPerPair = 1_000m);

        Check(gate, Buy(0, "0.007")).Should().Be(RejectReason.MaxNotional, "600.00005 held + 420.00007 is beyond 1,000");
        Check(gate, Buy(0, "0.006", id: 2)).Should().Be(RejectReason.None, "600.00005 + 360.00006 = 960.00011");
        Check(gate, Buy(0, "0.001", id: 3)).Should().Be(RejectReason.MaxNotional, "the working 0.006 still counts: 960.00011 + 60.00001");

        gate.OnReport(Canceled(Buy(0, "0.006", id: 2)));
        Check(gate, Buy(0, "0.001", id: 4)).Should().Be(RejectReason.None, "a canceled buy commits nothing");
        gate.RejectionsFor(RejectReason.MaxNotional).Should().Be(2);
    }

    [Fact]
    public void A_correlation_group_limits_BTC_and_ETH_together()
    {
        RiskManager gate = Gate(r => r.CorrelationGroups = [new() { Name = "majors", Symbols = ["BTCUSDC", "ETHUSDC"], MaxExposure = 1_000m }]);

        Check(gate, Buy(1, "0.2")).Should().Be(RejectReason.MaxCorrelatedExposure, "600.00005 of BTC + 400.002 of ETH is beyond 1,000");
        Check(gate, Buy(1, "0.19", id: 2)).Should().Be(RejectReason.None, "600.00005 + 380.0019 = 980.00195");
    }

    [Fact]
    public void A_group_without_the_pair_does_not_limit_it()
    {
        RiskManager gate = Gate(r => r.CorrelationGroups = [new() { Name = "btc only", Symbols = ["BTCUSDC"], MaxExposure = 650m }]);

        Check(gate, Buy(1, "0.2")).Should().Be(RejectReason.None);
        Check(gate, Buy(0, "0.001", id: 2)).Should().Be(RejectReason.MaxCorrelatedExposure);
    }

    [Fact]
    public void MaxExposure_limits_all_pairs_together()
    {
        RiskManager gate = Gate(r => r.MaxTotalExposure = 1_000m);

        Check(gate, Buy(1, "0.2")).Should().Be(RejectReason.MaxExposure);
        Check(gate, Buy(1, "0.19", id: 2)).Should().Be(RejectReason.None);
    }

    [Fact]
    public void MaxStrategyExposure_counts_only_the_positions_and_orders_of_the_orders_strategy()
    {
        RiskManager gate = Gate(r => r.MaxExposurePerStrategy = 1_000m, heldBtc: "0");
        OrderRequest btc = Buy(0, "0.01", id: 1, source: 1);
        Check(gate, btc).Should().Be(RejectReason.None);
        gate.OnReport(Fill(btc));
        gate.Account.PositionSource(0).Should().Be(1, "strategy 1's entry opened the BTC position");

        Check(gate, Buy(1, "0.2", id: 2, source: 1)).Should().Be(RejectReason.MaxStrategyExposure, "strategy 1 holds 600.00005 of BTC");
        Check(gate, Buy(1, "0.2", id: 3, source: 2)).Should().Be(RejectReason.None, "strategy 2 holds nothing");
        Check(gate, Buy(1, "0.2", id: 4, source: 2)).Should().Be(RejectReason.None, "400.002 working + 400.002 is within 1,000");
        Check(gate, Buy(1, "0.1", id: 5, source: 2)).Should().Be(RejectReason.MaxStrategyExposure, "its working buys count: 800.004 + 200.001");
    }

    [Fact]
    public void MaxOrdersPerMinute_counts_approved_orders_over_a_sliding_minute_of_event_time()
    {
        RiskManager gate = Gate(r => r.MaxOrdersPerMinute = 2);

        Check(gate, Buy(1, "0.01", id: 1, atMs: 0)).Should().Be(RejectReason.None);
        Check(gate, Buy(1, "0.01", id: 2, atMs: 10_000)).Should().Be(RejectReason.None);
        Check(gate, Buy(1, "0.01", id: 3, atMs: 59_999)).Should().Be(RejectReason.MaxOrdersPerMinute);
        Check(gate, Buy(1, "0.01", id: 4, atMs: 60_000)).Should().Be(RejectReason.None, "the first order is a minute old");
        Check(gate, Buy(1, "0.01", id: 5, atMs: 69_999)).Should().Be(RejectReason.MaxOrdersPerMinute);
    }

    [Fact]
    public void Entries_are_refused_while_the_spread_is_beyond_its_bound_exits_are_not()
    {
        RiskManager gate = Gate(r => r.MaxSpreadBps = 5);
        MarketFeatures wide = Btc with { SpreadBps = 5.01 };
        var exit = new OrderRequest(9, 0, Side.Sell, OrderType.Market, TimeInForce.Ioc, default, Fixed8.Parse("0.01"), OrderPurpose.StopLoss, -1, 1, Events.At(0), 1, 0);

        Check(gate, Buy(0, "0.001"), wide).Should().Be(RejectReason.SpreadTooWide);
        Check(gate, Buy(0, "0.001", id: 2), Btc with { SpreadBps = 5 }).Should().Be(RejectReason.None);
        Check(gate, exit, wide).Should().Be(RejectReason.None);
    }

    [Fact]
    public void Entries_are_refused_while_volatility_is_beyond_its_bound_and_pass_before_it_is_measured()
    {
        RiskManager gate = Gate(r => r.MaxVolatilityPercent = 1);

        Check(gate, Buy(0, "0.001"), Btc with { VolatilityPercent = 1.5 }).Should().Be(RejectReason.VolatilityTooHigh);
        Check(gate, Buy(0, "0.001", id: 2), Btc with { VolatilityPercent = double.NaN }).Should().Be(RejectReason.None);
    }

    [Fact]
    public void Limits_left_at_zero_are_off()
    {
        RiskManager gate = Gate(_ => { });

        Check(gate, Buy(0, "0.09")).Should().Be(RejectReason.None);
        Check(gate, Buy(1, "0.99", id: 2), Eth with { SpreadBps = 500, VolatilityPercent = 50 }).Should().Be(RejectReason.None);
    }

    [Fact]
    public void Checking_the_limits_allocates_nothing_per_order()
    {
        // Every limit is on; the last one checked refuses, so each is computed on every attempt.
        RiskManager gate = Gate(r =>
        {
            r.MaxNotionalPerPair = 1_000_000m;
            r.MaxTotalExposure = 1_000_000m;
            r.MaxExposurePerStrategy = 1m;
            r.MaxSpreadBps = 100;
            r.MaxVolatilityPercent = 100;
            r.CorrelationGroups = [new() { Name = "majors", Symbols = ["BTCUSDC", "ETHUSDC"], MaxExposure = 1_000_000m }];
        });
        OrderRequest tooBig = Buy(0, "0.001");
        Check(gate, tooBig).Should().Be(RejectReason.MaxStrategyExposure);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            gate.TryApprove(tooBig, Btc, out _, out _);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Theory]
    [InlineData(RejectReason.InsufficientBalance, 10101)]
    [InlineData(RejectReason.BelowMinQuantity, 30002)]
    [InlineData(RejectReason.BelowMinNotional, 30002)]
    [InlineData(RejectReason.TradingHalted, 30016)]
    [InlineData(RejectReason.MaxOpenOrders, 30029)]
    [InlineData(RejectReason.MaxOrdersPerMinute, 30029)]
    [InlineData(RejectReason.MaxNotional, 0)]
    public void Rejections_carry_the_MEXC_error_code_where_MEXC_has_one(RejectReason reason, int code) =>
        reason.ToMexcCode().Should().Be(code);
}
