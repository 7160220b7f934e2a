using System.Text;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Strategies;

namespace FlashTrader.Core.Tests.Strategies;

public sealed class CompiledStrategyTests
{
    private static StrategyDefinitionException Error(string json) =>
        ((Action)(() => CompiledStrategy.Compile(StrategyJsonLoader.Load(Encoding.UTF8.GetBytes(json), "c.json"), SessionCalendar.Default)))
            .Should().Throw<StrategyDefinitionException>().Which;

    [Fact]
    public void An_unknown_name_in_a_rule_is_reported_at_its_line_and_column()
    {
        StrategyDefinitionException e = Error("{\n  \"name\": \"x\", \"version\": \"1\",\n  \"buy\": { \"rules\": [\"imbalance > 0.2 && rsi14 < 30\"] }\n}");

        // Line 3 is `  "buy": { "rules": ["imbalance > 0.2 && rsi14 < 30"] }`; rsi14 starts at column 42.
        e.Location.Should().Be(new SourceLocation("c.json", 3, 42));
        e.Problem.Should().Be("in \"imbalance > 0.2 && rsi14 < 30\": unknown name 'rsi14': not an indicator output, market feature or parameter of this strategy");
    }

    [Fact]
    public void A_syntax_error_in_the_strength_is_reported_inside_the_string()
    {
        StrategyDefinitionException e = Error("{ \"name\": \"x\", \"version\": \"1\", \"buy\": { \"rules\": \"mid > 0\", \"strength\": \"(imbalance\" } }");

        e.Location.Should().Be(new SourceLocation("c.json", 1, 84));
        e.Problem.Should().Be("in \"(imbalance\": expected ')' to close the '(' at column 1, found the end of the expression");
    }

    [Fact]
    public void An_unknown_indicator_type_is_rejected_at_its_name()
    {
        StrategyDefinitionException e = Error("{ \"name\": \"x\", \"version\": \"1\",\n  \"indicators\": { \"k\": { \"type\": \"kama\", \"params\": [10] } },\n  \"buy\": { \"rules\": \"k > 0\" } }");

        e.Location.Should().Be(new SourceLocation("c.json", 2, 19));
        e.Problem.Should().StartWith("indicator 'k' (kama(10)): unknown indicator 'kama' (known: sma, ema");
    }

    [Fact]
    public void A_bad_indicator_parameter_is_rejected()
    {
        StrategyDefinitionException e = Error("{ \"name\": \"x\", \"version\": \"1\", \"indicators\": { \"r\": { \"type\": \"rsi\", \"params\": [14, 2] } }, \"buy\": { \"rules\": \"r > 0\" } }");

        e.Problem.Should().Be("indicator 'r' (rsi(14,2)): 'rsi' takes 1 parameter(s), got 2");
    }

    [Fact]
    public void An_unknown_session_is_rejected_with_the_configured_ones()
    {
        StrategyDefinitionException e = Error("{ \"name\": \"x\", \"version\": \"1\", \"buy\": { \"rules\": \"mid > 0\" }, \"sessions\": { \"tokyo\": { \"exits\": { \"stopLossBps\": 5 } } } }");

        e.Problem.Should().Be("unknown session 'tokyo' (configured sessions: asia, europe, us; join names with '+' for an overlap)");
        e.Location.Column.Should().Be(77, "the opening quote of \"tokyo\"");
    }

    [Fact]
    public void Multi_output_indicators_are_read_by_output_name()
    {
        CompiledStrategy s = CompiledStrategy.Compile(StrategyJsonLoader.Load(Encoding.UTF8.GetBytes(
            "{ \"name\": \"x\", \"version\": \"1\", \"parameters\": { \"p\": 1 }, \"indicators\": { \"m\": { \"type\": \"macd\", \"params\": [12, 26, 9] }, \"b\": { \"type\": \"bbands\", \"params\": [20] } }, \"buy\": { \"rules\": \"m.hist > 0 && mid < b.lower\" } }"), "c.json"),
            SessionCalendar.Default);

        s.Slots.Keys.Skip(MarketFeatureSlots.Count).Should().Equal("p", "m.macd", "m.signal", "m.hist", "b.upper", "b.middle", "b.lower");
    }
}
