using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Signals;

public sealed class SignalGeneratorTests
{
    private static readonly MarketFeatures Heavy = Ticks.Quote(bid: "100", ask: "100.01") with { Imbalance = 0.5, MomentumPercent = 0.2 };

    private static SignalGenerator Generator(Action<SignalGenerationOptions>? adjust = null)
    {
        var options = new SignalGenerationOptions { Strategies = ["imbalance", "momentum", "volatility"], SignalIntervalMs = 50 };
        adjust?.Invoke(options);
        return new SignalGenerator(2, options);
    }

    [Fact]
    public void Every_strategy_with_an_opinion_contributes_one_signal_tagged_with_its_index()
    {
        SignalGenerator generator = Generator();

        SignalSet set = generator.Evaluate(Ticks.At(0, Heavy));

        set.Count.Should().Be(2, "imbalance and momentum fire, volatility has no data yet");
        set[0].Source.Should().Be(0);
        set[1].Source.Should().Be(1);
        generator.StrategyNames.Should().Equal("imbalance", "momentum", "volatility");
        generator.StrategyNames[set[1].Source].Should().Be("momentum");
        generator.SignalsFrom(0).Should().Be(1);
        generator.SignalsFrom(2).Should().Be(0);
        generator.Signals.Should().Be(2);
        generator.Evaluations.Should().Be(1);
    }

    [Fact]
    public void A_symbol_is_evaluated_at_most_once_per_signal_interval_of_event_time()
    {
        SignalGenerator generator = Generator();

        generator.Evaluate(Ticks.At(0, Heavy)).Count.Should().Be(2);
        generator.Evaluate(Ticks.At(49.999999, Heavy)).Count.Should().Be(0, "49.999999 ms is inside the 50 ms interval");
        generator.Evaluate(Ticks.At(10, Heavy, symbol: 1)).Count.Should().Be(2, "each symbol has its own interval");
        generator.Evaluate(Ticks.At(50, Heavy)).Count.Should().Be(2, "the interval has elapsed exactly");

        generator.Evaluations.Should().Be(3);
    }

    [Fact]
    public void The_set_returned_is_the_generators_own_and_the_next_evaluation_reuses_it_so_a_copy_keeps_the_signals()
    {
        SignalGenerator generator = Generator();

        SignalSet kept = generator.Evaluate(Ticks.At(0, Heavy));
        ref readonly SignalSet last = ref generator.Evaluate(Ticks.At(10, Heavy));

        last.Count.Should().Be(0, "10 ms is inside the interval: nothing is evaluated");
        generator.Last.Count.Should().Be(0);
        kept.Count.Should().Be(2, "the copy taken of the first evaluation");
        kept[1].Source.Should().Be(1);
    }

    [Fact]
    public void A_zero_interval_evaluates_every_tick()
    {
        SignalGenerator generator = Generator(o => o.SignalIntervalMs = 0);

        generator.Evaluate(Ticks.At(0, Heavy));
        generator.Evaluate(Ticks.At(0, Heavy));

        generator.Evaluations.Should().Be(2);
    }

    [Theory]
    [InlineData("100", "100.009", false)]
    [InlineData("100", "100.01", true)]
    [InlineData("100", "100.5", true)]
    [InlineData("100", "100.51", false)]
    public void Only_spreads_inside_the_configured_band_are_evaluated(string bid, string ask, bool evaluated)
    {
        // Spreads: 100.009 -> 0.89996 bps (below 0.9), 100.01 -> 0.99995, 100.5 -> 49.875, 100.51 -> 50.870 bps (above 50).
        SignalGenerator generator = Generator(o =>
        {
            o.MinSpreadBps = 0.9;
            o.MaxSpreadBps = 50;
        });
        MarketFeatures features = Ticks.Quote(bid, ask) with { Imbalance = 0.5 };

        SignalSet set = generator.Evaluate(Ticks.At(0, features));

        set.Count.Should().Be(evaluated ? 1 : 0);
        generator.Evaluations.Should().Be(evaluated ? 1 : 0);
        generator.SpreadFiltered.Should().Be(evaluated ? 0 : 1);
    }

    [Theory]
    [InlineData(0.9, true)]
    [InlineData(50, true)]
    [InlineData(0.8999, false)]
    [InlineData(50.0001, false)]
    public void The_spread_band_includes_both_of_its_bounds(double spreadBps, bool evaluated)
    {
        SignalGenerator generator = Generator(o =>
        {
            o.MinSpreadBps = 0.9;
            o.MaxSpreadBps = 50;
        });

        generator.Evaluate(Ticks.At(0, Heavy with { SpreadBps = spreadBps }));

        generator.Evaluations.Should().Be(evaluated ? 1 : 0);
    }

    [Fact]
    public void An_untradeable_book_is_never_evaluated()
    {
        SignalGenerator generator = Generator();

        generator.Evaluate(Ticks.At(0, Heavy with { Tradeable = false })).Count.Should().Be(0);

        generator.Evaluations.Should().Be(0);
        generator.Evaluate(Ticks.At(1, Heavy)).Count.Should().Be(2, "an untradeable tick does not start the interval");
    }

    [Theory]
    [InlineData(MarketEventKind.BookTicker)]
    [InlineData(MarketEventKind.Kline)]
    public void Only_depth_and_trade_events_are_evaluated(MarketEventKind kind)
    {
        SignalGenerator generator = Generator();
        long t = Events.At(0);
        MarketEvent ev = kind == MarketEventKind.BookTicker
            ? MarketEvent.BookTicker(0, t, t, Fixed8.Parse("100"), Fixed8.One, Fixed8.Parse("100.01"), Fixed8.One, 1)
            : MarketEvent.Kline(0, t, t, t, 60, Fixed8.One, Fixed8.One, Fixed8.One, Fixed8.One, Fixed8.One, Fixed8.One);

        generator.Evaluate(Ticks.Of(ev, Heavy)).Count.Should().Be(0);

        generator.Evaluations.Should().Be(0);
    }

    [Fact]
    public void An_unknown_strategy_name_is_refused()
    {
        Action create = () => Generator(o => o.Strategies = ["imbalance", "meanreversion"]);

        create.Should().Throw<ArgumentException>().WithMessage("unknown strategy 'meanreversion'*");
    }
}
