using FlashTrader.Core.Configuration;
using FlashTrader.Core.Decisions;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Decisions;

/// <summary>
/// BTCUSDC (min 0.001, 6 quantity decimals, max position 0.1), 10,000 USDC, entry score 0.5, 25% of the quote balance
/// at full strength, take-profit 20 bps, stop-loss 10 bps, 5 s entry cooldown, 1 s signal window.
/// </summary>
public sealed class DecisionEngineTests
{
    private static readonly MarketFeatures Market = Ticks.Quote(bid: "60000", ask: "60000.01");

    private static DecisionEngine Engine(TradingPairOptions? pair = null, decimal usdc = 10_000m, Action<ExecutionOptions>? adjust = null)
    {
        var options = new ExecutionOptions();
        adjust?.Invoke(options);
        InstrumentSet instruments = TestOptions.Instruments(pair ?? TestOptions.Btc());
        return new DecisionEngine(instruments, options, new TradingAccount(instruments, TestOptions.Balances(("USDC", usdc), ("BTC", 0m))));
    }

    private static SignalSet Signals(double ms, params (Side Side, double Strength)[] signals)
    {
        var set = default(SignalSet);
        foreach ((Side side, double strength) in signals)
        {
            set.TryAdd(new Signal(0, side, 0, strength, default, Events.At(ms), Events.At(ms)));
        }

        return set;
    }

    private static bool Decide(DecisionEngine engine, double ms, MarketFeatures features, out OrderRequest order, params (Side, double)[] signals) =>
        engine.TryDecide(Ticks.At(ms, features), Signals(ms, signals), out order);

    private static ExecutionReport Report(long orderId, Side side, OrderStatus status, string price = "0", string quantity = "0", long fillId = 0) =>
        new(orderId, 0, side, status, OrderPurpose.Entry, RejectReason.None, fillId, Fixed8.Parse(price), Fixed8.Parse(quantity), 0m,
            fillId > 0 ? Liquidity.Taker : Liquidity.None, Fixed8.Parse(quantity), Fixed8.Parse(quantity), Events.At(0), 0);

    /// <summary>An engine holding 0.05 BTC bought at 60,000 (7,000 USDC left).</summary>
    private static DecisionEngine Holding()
    {
        DecisionEngine engine = Engine();
        engine.OnReport(Report(99, Side.Buy, OrderStatus.Filled, "60000", "0.05", fillId: 1));
        return engine;
    }

    [Fact]
    public void Enters_with_a_limit_IOC_buy_at_the_ask_sized_by_balance_fraction_and_strength()
    {
        DecisionEngine engine = Engine();

        Decide(engine, 0, Market, out OrderRequest order, (Side.Buy, 0.8)).Should().BeTrue();

        // 10,000 × 0.25 × 0.8 = 2,000 USDC / 60,000.01 = 0.0333333277... truncated to 6 decimals.
        order.Should().Be(new OrderRequest(1, 0, Side.Buy, OrderType.Limit, TimeInForce.Ioc, Fixed8.Parse("60000.01"), Fixed8.Parse("0.033333"),
            OrderPurpose.Entry, -1, 0.8, Events.At(0), 1, 0));
        engine.Entries.Should().Be(1);
        engine.NextOrderId.Should().Be(2);
        engine.Account.WorkingOrdersOn(0).Should().Be(1);
    }

    [Fact]
    public void Market_entries_carry_no_price()
    {
        DecisionEngine engine = Engine(adjust: o => o.OrderType = "MARKET");

        Decide(engine, 0, Market, out OrderRequest order, (Side.Buy, 1)).Should().BeTrue();

        order.Type.Should().Be(OrderType.Market);
        order.TimeInForce.Should().Be(TimeInForce.Ioc);
        order.Price.Should().Be(Fixed8.Zero);
    }

    [Fact]
    public void The_entry_is_capped_at_MaxPosition()
    {
        DecisionEngine engine = Engine(adjust: o => o.PositionSizeFraction = 1);

        Decide(engine, 0, Market, out OrderRequest order, (Side.Buy, 1)).Should().BeTrue();

        order.Quantity.Should().Be(Fixed8.Parse("0.1"), "10,000 USDC would buy 0.1666 BTC but MaxPosition is 0.1");
    }

    [Fact]
    public void The_entry_never_costs_more_than_the_balance_including_taker_fee_and_slippage()
    {
        TradingPairOptions pair = TestOptions.Btc();
        pair.MaxPosition = 10m;
        pair.TakerFee = 0.001m;
        DecisionEngine engine = Engine(pair, adjust: o =>
        {
            o.PositionSizeFraction = 1;
            o.OrderType = "MARKET";
        });

        Decide(engine, 0, Market, out OrderRequest order, (Side.Buy, 1)).Should().BeTrue();

        // 10,000 / (60,000.01 × 1.001 fee × 1.01 headroom) = 0.16485162..., not the 0.16666 the whole balance would name.
        order.Quantity.Should().Be(Fixed8.Parse("0.164851"));

        // The paper exchange, slipping the market order 2 bps against us, fills all of it from the same 10,000 USDC.
        var paper = new PaperTradingOptions
        {
            InitialBalance = TestOptions.Balances(("USDC", 10_000m)),
            SimulateSlippage = true,
            SlippageBps = 2,
        };
        var exchange = new PaperExchange(TestOptions.Instruments(pair), paper);
        var reports = new List<ExecutionReport>();
        exchange.OnMarketEvent(Events.Snapshot(1, bids: "1@60000", asks: "1@60000.01"), reports);
        exchange.Submit(order, Events.At(0), reports);

        reports.Should().ContainSingle().Which.Status.Should().Be(OrderStatus.Filled);
        reports[0].LastPrice.Should().Be(Fixed8.Parse("60012.02"));
        exchange.Wallet.Free(0).Should().Be(10_000m - 9893.04150902m - 9.89304150902m);
    }

    [Fact]
    public void No_entry_when_the_balance_buys_less_than_the_minimum_quantity()
    {
        DecisionEngine engine = Engine(usdc: 200m);

        Decide(engine, 0, Market, out _, (Side.Buy, 1)).Should().BeFalse("25% of 200 USDC buys 0.00083 BTC, under the 0.001 minimum");

        engine.Entries.Should().Be(0);
    }

    [Theory]
    [InlineData(0.49, false)]
    [InlineData(0.5, true)]
    public void Enters_only_when_the_net_score_reaches_the_entry_score(double strength, bool enters)
    {
        Decide(Engine(), 0, Market, out _, (Side.Buy, strength)).Should().Be(enters);
    }

    [Fact]
    public void Opposing_signals_cancel_by_strength()
    {
        DecisionEngine engine = Engine();

        Decide(engine, 0, Market, out _, (Side.Buy, 0.6), (Side.Sell, 0.6)).Should().BeFalse();
        engine.Score(0).Should().Be(0);

        Decide(engine, 1, Market, out OrderRequest order, (Side.Buy, 0.9), (Side.Sell, 0.3)).Should().BeTrue();
        order.Strength.Should().BeApproximately(0.6, 1e-12);
    }

    [Fact]
    public void Signals_older_than_the_window_no_longer_count()
    {
        DecisionEngine engine = Engine();
        Decide(engine, 0, Market, out _, (Side.Buy, 0.3)).Should().BeFalse();

        Decide(engine, 1000.000001, Market, out _, (Side.Buy, 0.3)).Should().BeFalse("the first signal is 1 ms + 1 ns old");
        engine.Score(0).Should().BeApproximately(0.3, 1e-12);

        Decide(engine, 1500, Market, out _, (Side.Buy, 0.2)).Should().BeTrue("0.3 + 0.2 inside one second reaches 0.5");
    }

    [Fact]
    public void Never_decides_on_an_untradeable_book()
    {
        Decide(Engine(), 0, Market with { Tradeable = false }, out _, (Side.Buy, 1)).Should().BeFalse();
    }

    [Fact]
    public void Keeps_one_working_order_per_symbol_until_its_outcome_is_known()
    {
        DecisionEngine engine = Engine();
        Decide(engine, 0, Market, out OrderRequest entry, (Side.Buy, 1)).Should().BeTrue();

        Decide(engine, 10, Market, out _, (Side.Buy, 1)).Should().BeFalse("the entry is still working");
        engine.OnReport(Report(entry.OrderId, Side.Buy, OrderStatus.PartiallyFilled, "60000.01", "0.01", fillId: 1));
        Decide(engine, 20, Market, out _, (Side.Buy, 1)).Should().BeFalse("a partial fill is not the outcome");
        engine.OnReport(Report(entry.OrderId, Side.Buy, OrderStatus.PartiallyCanceled));

        engine.Account.WorkingOrdersOn(0).Should().Be(0);
        engine.Account.Position(0).Quantity.Should().Be(Fixed8.Parse("0.01"));
        engine.Decisions.Should().Be(1);
    }

    [Fact]
    public void Waits_out_the_entry_cooldown_after_an_entry()
    {
        DecisionEngine engine = Engine();
        Decide(engine, 0, Market, out OrderRequest entry, (Side.Buy, 1)).Should().BeTrue();
        engine.OnReport(Report(entry.OrderId, Side.Buy, OrderStatus.Canceled));

        Decide(engine, 4999.999999, Market, out _, (Side.Buy, 1)).Should().BeFalse();
        Decide(engine, 5000, Market, out OrderRequest second, (Side.Buy, 1)).Should().BeTrue();
        second.OrderId.Should().Be(2);
    }

    [Fact]
    public void Takes_profit_at_the_bid_when_it_reaches_entry_plus_take_profit()
    {
        DecisionEngine engine = Holding();

        Decide(engine, 0, Ticks.Quote(bid: "60119.99", ask: "60120"), out _).Should().BeFalse("60,119.99 is below 60,000 × 1.002");
        Decide(engine, 1, Ticks.Quote(bid: "60120", ask: "60120.01"), out OrderRequest exit).Should().BeTrue();

        exit.Should().Be(new OrderRequest(1, 0, Side.Sell, OrderType.Limit, TimeInForce.Ioc, Fixed8.Parse("60120"), Fixed8.Parse("0.05"),
            OrderPurpose.TakeProfit, -1, 0, Events.At(1), 1, 0));
        engine.Exits.Should().Be(1);
    }

    [Fact]
    public void Stops_out_with_a_market_sell_when_the_bid_reaches_entry_minus_stop_loss()
    {
        DecisionEngine engine = Holding();

        Decide(engine, 0, Ticks.Quote(bid: "59940.01", ask: "59940.02"), out _).Should().BeFalse("59,940.01 is above 60,000 × 0.999");
        Decide(engine, 1, Ticks.Quote(bid: "59940", ask: "59940.01"), out OrderRequest exit).Should().BeTrue();

        exit.Purpose.Should().Be(OrderPurpose.StopLoss);
        exit.Side.Should().Be(Side.Sell);
        exit.Type.Should().Be(OrderType.Market);
        exit.Price.Should().Be(Fixed8.Zero);
        exit.Quantity.Should().Be(Fixed8.Parse("0.05"));
    }

    [Fact]
    public void Exits_on_signals_when_opposite_signals_outweigh_the_entry_score()
    {
        DecisionEngine engine = Holding();

        Decide(engine, 0, Market, out _, (Side.Sell, 0.49)).Should().BeFalse();
        Decide(engine, 1, Market, out OrderRequest exit, (Side.Sell, 0.01)).Should().BeTrue();

        exit.Purpose.Should().Be(OrderPurpose.SignalExit);
        exit.Type.Should().Be(OrderType.Limit);
        exit.Price.Should().Be(Fixed8.Parse("60000"));
        exit.Strength.Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void A_holder_never_adds_to_the_position_however_strong_the_buy_signals()
    {
        Decide(Holding(), 0, Market, out _, (Side.Buy, 1), (Side.Buy, 1)).Should().BeFalse();
    }
}
