using System.Text;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Strategies;

public sealed class JsonSignalStrategyTests
{
    private static readonly string[] Symbols = ["BTCUSDC", "ETHUSDC"];

    /// <summary>2024-08-08 00:00 UTC: inside Asia (00:00-09:00), outside Europe and US.</summary>
    private const long Midnight = 1_723_075_200_000_000_000L;

    private static CompiledStrategy Compile(string json) =>
        CompiledStrategy.Compile(StrategyJsonLoader.Load(Encoding.UTF8.GetBytes(json), "t.json"), SessionCalendar.Default);

    private static MarketTick Tick(double imbalance, long timeNs, int symbol = 0)
    {
        MarketFeatures f = Ticks.Quote("100", "100.02") with { Imbalance = imbalance };
        return new MarketTick(1, MarketEvent.Trade(symbol, timeNs, timeNs, f.BestBid, Fixed8.One, Side.Buy, 1), f, 0);
    }

    private static JsonSignalStrategy Strategy(string json, StrategyCatalog? catalog = null) => new(Compile(json), Symbols, catalog ?? new StrategyCatalog());

    [Fact]
    public void Signals_the_side_whose_rules_hold_priced_where_it_would_trade()
    {
        JsonSignalStrategy s = Strategy("""{ "name": "i", "version": "1", "parameters": { "t": 0.2 }, "buy": { "rules": "imbalance > t", "strength": "imbalance" }, "sell": { "rules": "imbalance < -t" } }""");

        s.TryEvaluate(Tick(0.5, Midnight), out Signal buy).Should().BeTrue();
        buy.Side.Should().Be(Side.Buy);
        buy.Price.Should().Be(Fixed8.Parse("100.02"));
        buy.Strength.Should().Be(0.5);
        buy.StrategyId.Should().Be(s.StrategyId);
        s.TryEvaluate(Tick(-0.5, Midnight), out Signal sell).Should().BeTrue();
        (sell.Side, sell.Price, sell.Strength).Should().Be((Side.Sell, Fixed8.Parse("100"), 1.0));
        s.TryEvaluate(Tick(0.1, Midnight), out _).Should().BeFalse();
    }

    [Fact]
    public void Confirmation_needs_n_of_m_rules()
    {
        JsonSignalStrategy s = Strategy("""{ "name": "c", "version": "1", "buy": { "rules": ["imbalance > 0.1", "imbalance > 0.2", "imbalance > 0.3"], "require": 2 } }""");

        s.TryEvaluate(Tick(0.15, Midnight), out _).Should().BeFalse("1 of 3");
        s.TryEvaluate(Tick(0.25, Midnight), out _).Should().BeTrue("2 of 3");
        s.TryEvaluate(Tick(0.35, Midnight), out _).Should().BeTrue("3 of 3");
    }

    [Fact]
    public void The_noise_filter_needs_k_consecutive_events()
    {
        JsonSignalStrategy s = Strategy("""{ "name": "k", "version": "1", "buy": { "rules": "imbalance > 0.2" }, "filter": { "events": 3 } }""");

        bool[] fired = [.. new[] { 0.5, 0.5, 0.5, 0.5, 0.0, 0.5, 0.5, 0.5 }.Select((x, i) => s.TryEvaluate(Tick(x, Midnight + (i * 1_000_000L)), out _))];

        fired.Should().Equal(false, false, true, true, false, false, false, true);
    }

    [Fact]
    public void The_noise_filter_needs_the_rule_to_hold_for_t_ms()
    {
        JsonSignalStrategy s = Strategy("""{ "name": "t", "version": "1", "buy": { "rules": "imbalance > 0.2" }, "filter": { "ms": 100 } }""");
        const long ms = 1_000_000L;

        s.TryEvaluate(Tick(0.5, Midnight), out _).Should().BeFalse();
        s.TryEvaluate(Tick(0.5, Midnight + (99 * ms)), out _).Should().BeFalse();
        s.TryEvaluate(Tick(0.5, Midnight + (100 * ms)), out _).Should().BeTrue("held for exactly 100 ms");
        s.TryEvaluate(Tick(0.0, Midnight + (101 * ms)), out _).Should().BeFalse();
        s.TryEvaluate(Tick(0.5, Midnight + (150 * ms)), out _).Should().BeFalse("the clock restarts when the rule breaks");
    }

    [Fact]
    public void When_both_sides_hold_there_is_no_signal()
    {
        JsonSignalStrategy s = Strategy("""{ "name": "b", "version": "1", "buy": { "rules": "imbalance > 0" }, "sell": { "rules": "imbalance > 0" } }""");

        s.TryEvaluate(Tick(0.5, Midnight), out _).Should().BeFalse();
    }

    [Fact]
    public void Trades_only_the_symbols_it_lists()
    {
        JsonSignalStrategy s = Strategy("""{ "name": "e", "version": "1", "symbols": ["ETHUSDC"], "buy": { "rules": "imbalance > 0" } }""");

        s.TryEvaluate(Tick(0.5, Midnight, symbol: 0), out _).Should().BeFalse();
        s.TryEvaluate(Tick(0.5, Midnight, symbol: 1), out _).Should().BeTrue();
        ((Action)(() => Strategy("""{ "name": "e", "version": "1", "symbols": ["SOLUSDC"], "buy": { "rules": "imbalance > 0" } }""")))
            .Should().Throw<ArgumentException>().WithMessage("strategy 'e' (t.json) trades SOLUSDC, which is not a configured pair (BTCUSDC, ETHUSDC)*");
    }

    [Fact]
    public void Session_overrides_change_parameters_exactly_at_the_boundary()
    {
        // Asia 00:00-09:00 and Europe 07:00-16:00 overlap 07:00-09:00; the overlap override is listed last, so it wins there.
        JsonSignalStrategy s = Strategy("""
            { "name": "s", "version": "1", "parameters": { "t": 0.5 },
              "buy": { "rules": "imbalance > t" },
              "sessions": { "asia": { "parameters": { "t": 0.3 } }, "asia+europe": { "parameters": { "t": 0.1 } } } }
            """);
        const long hour = 3_600_000_000_000L;

        s.TryEvaluate(Tick(0.35, Midnight + (7 * hour) - 1), out _).Should().BeTrue("06:59:59.999999999 is Asia only: t = 0.3");
        s.TryEvaluate(Tick(0.2, Midnight + (7 * hour) - 1), out _).Should().BeFalse();
        s.TryEvaluate(Tick(0.2, Midnight + (7 * hour)), out _).Should().BeTrue("07:00 starts the overlap: t = 0.1");
        s.TryEvaluate(Tick(0.2, Midnight + (9 * hour) - 1), out _).Should().BeTrue();
        s.TryEvaluate(Tick(0.2, Midnight + (9 * hour)), out _).Should().BeFalse("09:00 ends Asia: Europe alone has no override, t = 0.5");
        s.TryEvaluate(Tick(0.45, Midnight + (9 * hour)), out _).Should().BeFalse();
        s.TryEvaluate(Tick(0.55, Midnight + (9 * hour)), out _).Should().BeTrue();
    }

    [Fact]
    public void Session_exits_resolve_in_definition_order()
    {
        CompiledStrategy s = Compile("""
            { "name": "x", "version": "1", "buy": { "rules": "imbalance > 0" },
              "exits": { "takeProfitBps": 20, "stopLossBps": 10 },
              "sessions": { "us": { "exits": { "takeProfitBps": 30 } }, "europe+us": { "exits": { "stopLossBps": 5 } } } }
            """);
        uint europe = 1u << s.Calendar.IndexOf("europe");
        uint us = 1u << s.Calendar.IndexOf("us");

        s.ExitsFor(0).Should().Be(new ExitRules(20, 10, null, null));
        s.ExitsFor(us).Should().Be(new ExitRules(30, 10, null, null));
        s.ExitsFor(europe | us).Should().Be(new ExitRules(30, 5, null, null));
    }

    [Fact]
    public void Indicators_see_only_closed_candles_built_from_trades()
    {
        JsonSignalStrategy s = Strategy("""
            { "name": "sma", "version": "1", "indicators": { "sma2": { "type": "sma", "params": [2] } },
              "buy": { "rules": "close > sma2" } }
            """);
        const long minute = 60_000_000_000L;
        long[] prices = [100, 110, 130];
        for (int m = 0; m < prices.Length; m++)
        {
            s.Track(TradeTick(prices[m], Midnight + (m * minute)));
        }

        // Closed: 100, 110 (sma2 = 105, close 110). The 130 minute is still open.
        s.TryEvaluate(Tick(0, Midnight + (2 * minute)), out _).Should().BeTrue();
        s.Compiled.Slots.Should().ContainKey("sma2");
        s.Track(TradeTick(90, Midnight + (3 * minute)));
        // Closed: 110, 130 -> sma2 = 120, close 130: still above. Then 90 closes: sma2 = 110, close 90.
        s.TryEvaluate(Tick(0, Midnight + (3 * minute)), out _).Should().BeTrue();
        s.Track(TradeTick(90, Midnight + (4 * minute)));
        s.TryEvaluate(Tick(0, Midnight + (4 * minute)), out _).Should().BeFalse();
    }

    [Fact]
    public void A_replacement_takes_over_on_the_next_tick_with_its_own_id()
    {
        var catalog = new StrategyCatalog();
        JsonSignalStrategy s = Strategy("""{ "name": "h", "version": "1", "buy": { "rules": "imbalance > 0.5" } }""", catalog);
        int first = s.StrategyId;
        s.TryEvaluate(Tick(0.3, Midnight), out _).Should().BeFalse();

        int second = s.Replace(Compile("""{ "name": "h", "version": "2", "buy": { "rules": "imbalance > 0.2" } }"""));

        s.StrategyId.Should().Be(first, "nothing changes until the next tick");
        s.TryEvaluate(Tick(0.3, Midnight), out Signal signal).Should().BeTrue();
        signal.StrategyId.Should().Be(second);
        s.Swaps.Should().Be(1);
        catalog[first].Version.Should().Be("1");
        catalog[second].Version.Should().Be("2");
    }

    [Fact]
    public void Tracking_and_evaluating_allocate_nothing()
    {
        JsonSignalStrategy s = Strategy("""
            { "name": "a", "version": "1", "parameters": { "t": 0.2 },
              "indicators": { "ema5": { "type": "ema", "params": [5] }, "bb": { "type": "bbands", "params": [20, 2] }, "macd": { "type": "macd", "params": [12, 26, 9], "timeframe": "5m" } },
              "buy": { "rules": ["imbalance > t", "close > ema5 || cross_above(macd.macd, macd.signal)", "mid > bb.lower"], "require": 2, "strength": "clamp(imbalance, 0, 1)" },
              "sell": { "rules": ["imbalance < -t"] },
              "filter": { "events": 2 },
              "sessions": { "asia": { "parameters": { "t": 0.3 } } } }
            """);
        const long second = 1_000_000_000L;
        int fired = 0;
        for (int i = 0; i < 4_000; i++)
        {
            Run(i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 4_000; i < 24_000; i++)
        {
            Run(i);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        fired.Should().BePositive();

        void Run(int i)
        {
            long t = Midnight + (i * second); // crosses many candles and the 07:00 session boundary
            s.Track(TradeTick(100 + (i % 17), t));
            if (s.TryEvaluate(Tick((i % 10 / 10.0) - 0.3, t), out _))
            {
                fired++;
            }
        }
    }

    private static MarketTick TradeTick(long price, long timeNs)
    {
        MarketFeatures f = Ticks.Quote("100", "100.02");
        return new MarketTick(1, MarketEvent.Trade(0, timeNs, timeNs, Fixed8.FromLong(price), Fixed8.One, Side.Buy, 1), f, 0);
    }
}
