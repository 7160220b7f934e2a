using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Signals;

/// <summary>Each strategy stays silent exactly at its threshold and speaks just beyond it, with a side and a strength.</summary>
public sealed class StrategyThresholdTests
{
    private static readonly MarketFeatures Quote = Ticks.Quote(bid: "60000", ask: "60000.01");

    private static MarketTick Tick(MarketFeatures features) => Ticks.At(0, features, symbol: 1);

    [Theory]
    [InlineData(0.2)]
    [InlineData(-0.2)]
    [InlineData(0.19)]
    [InlineData(0)]
    [InlineData(double.NaN)]
    public void Imbalance_at_or_inside_the_threshold_gives_no_signal(double imbalance)
    {
        new ImbalanceStrategy(0.2).TryEvaluate(Tick(Quote with { Imbalance = imbalance }), out Signal signal).Should().BeFalse();
        signal.Should().Be(default(Signal));
    }

    [Fact]
    public void Imbalance_just_beyond_the_threshold_buys_at_the_ask_when_bids_dominate()
    {
        new ImbalanceStrategy(0.2).TryEvaluate(Tick(Quote with { Imbalance = 0.25 }), out Signal signal).Should().BeTrue();

        signal.Side.Should().Be(Side.Buy);
        signal.Strength.Should().BeApproximately(0.0625, 1e-12, "(0.25 - 0.2) / (1 - 0.2)");
        signal.Price.Should().Be(Fixed8.Parse("60000.01"));
        signal.SymbolId.Should().Be(1);
        signal.ExchangeTimeNs.Should().Be(Events.At(0));
    }

    [Fact]
    public void Imbalance_just_beyond_the_threshold_sells_at_the_bid_when_asks_dominate()
    {
        new ImbalanceStrategy(0.2).TryEvaluate(Tick(Quote with { Imbalance = -0.25 }), out Signal signal).Should().BeTrue();

        signal.Side.Should().Be(Side.Sell);
        signal.Strength.Should().BeApproximately(0.0625, 1e-12);
        signal.Price.Should().Be(Fixed8.Parse("60000"));
    }

    [Fact]
    public void Imbalance_strength_reaches_one_at_a_one_sided_book()
    {
        new ImbalanceStrategy(0.2).TryEvaluate(Tick(Quote with { Imbalance = 1 }), out Signal signal).Should().BeTrue();

        signal.Strength.Should().Be(1);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(-0.05)]
    [InlineData(0.049)]
    [InlineData(double.NaN)]
    public void Momentum_at_or_inside_the_threshold_gives_no_signal(double momentumPercent)
    {
        new MomentumStrategy(0.05).TryEvaluate(Tick(Quote with { MomentumPercent = momentumPercent }), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(0.08, Side.Buy, "60000.01", 0.2)]
    [InlineData(-0.08, Side.Sell, "60000", 0.2)]
    [InlineData(0.2, Side.Buy, "60000.01", 1.0)]
    [InlineData(0.5, Side.Buy, "60000.01", 1.0)]
    public void Momentum_beyond_the_threshold_trades_with_the_move(double momentumPercent, Side side, string price, double strength)
    {
        // Strength runs from 0 at the threshold to 1 at four times the threshold: (|m| - 0.05) / 0.15.
        new MomentumStrategy(0.05).TryEvaluate(Tick(Quote with { MomentumPercent = momentumPercent }), out Signal signal).Should().BeTrue();

        signal.Side.Should().Be(side);
        signal.Price.Should().Be(Fixed8.Parse(price));
        signal.Strength.Should().BeApproximately(strength, 1e-12);
    }

    [Theory]
    [InlineData(0.1, 0.5)]
    [InlineData(0.09, 0.5)]
    [InlineData(double.NaN, 0.5)]
    [InlineData(0.13, 0)]
    [InlineData(0.13, double.NaN)]
    public void Volatility_at_the_threshold_or_without_a_trend_gives_no_signal(double volatilityPercent, double trendPercent)
    {
        MarketFeatures features = Quote with { VolatilityPercent = volatilityPercent, TrendPercent = trendPercent };

        new VolatilityBreakoutStrategy(0.1).TryEvaluate(Tick(features), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(0.5, Side.Buy)]
    [InlineData(-0.5, Side.Sell)]
    public void Volatility_beyond_the_threshold_breaks_out_in_the_direction_of_the_trend(double trendPercent, Side side)
    {
        MarketFeatures features = Quote with { VolatilityPercent = 0.13, TrendPercent = trendPercent };

        new VolatilityBreakoutStrategy(0.1).TryEvaluate(Tick(features), out Signal signal).Should().BeTrue();

        signal.Side.Should().Be(side);
        signal.Strength.Should().BeApproximately(0.1, 1e-12, "(0.13 - 0.1) / (0.1 * 3)");
    }
}
