using System.Text;
using FlashTrader.Core.Candles;
using FlashTrader.Core.Strategies;

namespace FlashTrader.Core.Tests.Strategies;

public sealed class StrategyJsonLoaderTests
{
    private const string Valid = """
        {
          "name": "mean-reversion",
          "version": "2.1",
          "symbols": ["BTCUSDC"],
          "timeframes": ["1m", "15m"],
          "parameters": { "oversold": 30 },
          "indicators": {
            "rsi14": { "type": "rsi", "params": [14] },
            "bb": { "type": "bbands", "params": [20, 2], "timeframe": "15m" },
            "vol": { "type": "sma", "params": [20], "input": "volume" }
          },
          "buy": { "rules": ["mid < bb.lower", "rsi14 < oversold"], "require": 1, "strength": "0.5" },
          "filter": { "events": 3, "ms": 250 },
          "exits": { "takeProfitBps": 30, "stopLossBps": 20, "trailingStopBps": 10, "timeStopMs": 60000 },
          "sizing": { "fraction": 0.25 },
          "sessions": { "us": { "parameters": { "oversold": 25 }, "exits": { "takeProfitBps": 40 } } }
        }
        """;

    private static StrategyDefinition Load(string json) => StrategyJsonLoader.Load(Encoding.UTF8.GetBytes(json), "s.json");

    private static StrategyDefinitionException Error(string json) =>
        ((Action)(() => Load(json))).Should().Throw<StrategyDefinitionException>().Which;

    [Fact]
    public void Reads_every_part_of_a_definition()
    {
        StrategyDefinition d = Load(Valid);

        d.Name.Should().Be("mean-reversion");
        d.Version.Should().Be("2.1");
        d.Symbols.Should().Equal("BTCUSDC");
        d.Timeframes.Should().Equal(Timeframe.OneMinute, Timeframe.FifteenMinutes);
        d.Parameters.Should().Equal(new Dictionary<string, double> { ["oversold"] = 30 });
        d.Indicators.Select(i => (i.Name, i.Type, string.Join(",", i.Parameters), i.Timeframe, i.Input)).Should().Equal(
            ("rsi14", "rsi", "14", Timeframe.OneMinute, CandleField.Close),
            ("bb", "bbands", "20,2", Timeframe.FifteenMinutes, CandleField.Close),
            ("vol", "sma", "20", Timeframe.OneMinute, CandleField.Volume));
        d.Buy.Rules.Select(r => r.Text).Should().Equal("mid < bb.lower", "rsi14 < oversold");
        d.Buy.Required.Should().Be(1);
        d.Buy.Strength.Text.Should().Be("0.5");
        d.Sell.IsEmpty.Should().BeTrue();
        d.Filter.Should().Be(new NoiseFilter(3, 250));
        d.Exits.Should().Be(new ExitRules(30, 20, 10, 60_000));
        d.Sizing.Fraction.Should().Be(0.25);
        d.Sessions.Should().ContainSingle().Which.Session.Should().Be("us");
        d.Sessions[0].Parameters.Should().Equal(new Dictionary<string, double> { ["oversold"] = 25 });
        d.Sessions[0].Exits.Should().Be(new ExitRules(40, null, null, null));
        d.ContentHash.Should().Be(StrategyJsonLoader.Hash(Encoding.UTF8.GetBytes(Valid))).And.HaveLength(16);
    }

    [Fact]
    public void Expressions_remember_where_they_start_in_the_file()
    {
        StrategyDefinition d = Load(Valid);

        // The text starts one character after the opening quote.
        d.Buy.Rules[0].Location.Should().Be(Locate(Valid, "mid < bb.lower"));
        d.Buy.Rules[1].Location.Should().Be(Locate(Valid, "rsi14 < oversold"));
        d.Buy.Rules[0].Location.Line.Should().Be(12);
    }

    [Fact]
    public void Rules_default_to_all_required_and_strength_one()
    {
        StrategyDefinition d = Load("""{ "name": "x", "version": "1", "sell": { "rules": ["imbalance < 0", "mid > 1"] } }""");

        d.Sell.Required.Should().Be(2);
        d.Sell.Strength.Text.Should().Be("1");
        d.Filter.Should().Be(NoiseFilter.None);
        d.Timeframes.Should().Equal(Timeframe.OneMinute);
    }

    [Theory]
    [InlineData("{ \"name\": \"x\", \"version\": \"1\", \"buy\": { \"rules\": [\"mid > 0\"] }, \"exit\": {} }", "\"exit\"",
        "unknown key 'exit' in the strategy (expected one of: name, version, description, symbols, timeframes, parameters, indicators, buy, sell, filter, exits, sizing, sessions)")]
    [InlineData("{ \"name\": \"x\", \"name\": \"y\" }", "\"name\": \"y", "'name' appears twice in the strategy")]
    [InlineData("{ \"version\": \"1\", \"buy\": { \"rules\": [\"mid > 0\"] } }", "{", "the strategy has no 'name' (required: name, version, and buy or sell rules)")]
    [InlineData("{ \"name\": \"x\", \"version\": \"1\" }", "{", "the strategy has no rules: give 'buy' or 'sell' with at least one rule")]
    [InlineData("{ \"name\": 5 }", "5", "expected a string for 'name', found the number 5")]
    [InlineData("{ \"name\": \"a b\" }", "\"a b\"", "'name' must use only letters, digits, '-', '_' and '.' (it names the strategy in fills.csv)")]
    [InlineData("[]", "[", "expected a JSON object holding the strategy, found an array")]
    [InlineData("", "", "the file is empty: expected a JSON object")]
    public void Schema_errors_name_the_line_column_and_what_was_expected(string json, string offending, string problem)
    {
        StrategyDefinitionException e = Error(json);

        SourceLocation at = Locate(json, offending);
        e.Location.Should().Be(at);
        e.Problem.Should().Be(problem);
        e.Message.Should().Be($"s.json:{at.Line}:{at.Column}: {problem}");
    }

    [Fact]
    public void Errors_deep_in_the_file_point_at_the_offending_token()
    {
        string json = Valid.Replace("\"takeProfitBps\": 30", "\"takeProfit\": 30", StringComparison.Ordinal);

        StrategyDefinitionException e = Error(json);

        e.Location.Should().Be(Locate(json, "\"takeProfit\""));
        e.Location.Line.Should().Be(14);
        e.Problem.Should().Be("unknown key 'takeProfit' in 'exits' (expected one of: takeProfitBps, stopLossBps, trailingStopBps, timeStopMs)");
    }

    [Theory]
    [InlineData("\"timeframe\": \"15m\"", "\"timeframe\": \"7x\"", "\"7x\"", "'7x' is not a timeframe: expected minutes or hours such as 1m, 5m, 15m, 1h")]
    [InlineData("\"input\": \"volume\"", "\"input\": \"vwap\"", "\"vwap\"", "'vwap' is not a candle field: expected close, open, high, low or volume")]
    [InlineData("\"require\": 1", "\"require\": 3", "3,", "'require' is 3 but 'buy' has only 2 rules")]
    [InlineData("\"fraction\": 0.25", "\"fraction\": 1.5", "1.5", "'fraction' must be in (0, 1]: the share of the free quote balance an entry may use")]
    [InlineData("\"events\": 3", "\"events\": 0", "0, \"ms\"", "'events' must be a whole number of at least 1")]
    [InlineData("\"oversold\": 25", "\"overbought\": 25", "\"us\"", "session 'us' overrides parameter 'overbought', which 'parameters' does not declare (declared: oversold)")]
    [InlineData("\"15m\"]", "\"5m\"]", "\"bb\"", "indicator 'bb' uses timeframe 15m, which 'timeframes' does not list (1m, 5m)")]
    public void Value_errors_point_at_the_offending_token(string find, string replace, string offending, string problem)
    {
        string json = Valid.Replace(find, replace, StringComparison.Ordinal);

        StrategyDefinitionException e = Error(json);

        e.Problem.Should().Be(problem);
        e.Location.Should().Be(Locate(json, offending));
    }

    /// <summary>1-based line and column of the first occurrence of <paramref name="marker"/> (or of the start for "").</summary>
    private static SourceLocation Locate(string json, string marker)
    {
        int offset = marker.Length == 0 ? 0 : json.IndexOf(marker, StringComparison.Ordinal);
        offset.Should().BeGreaterThanOrEqualTo(0, "the marker must be in the JSON");
        int line = json[..offset].Count(c => c == '\n') + 1;
        int lineStart = json.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        if (offset == 0)
        {
            lineStart = 0;
        }

        return new SourceLocation("s.json", line, offset - lineStart + 1);
    }

    [Fact]
    public void Invalid_json_reports_the_readers_position()
    {
        StrategyDefinitionException e = Error("{\n  \"name\": \"x\",\n  \"version\" \"1\"\n}");

        e.Location.Line.Should().Be(3);
        e.Location.Column.Should().Be(13);
        e.Problem.Should().StartWith("invalid JSON: ");
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        StrategyDefinition d = Load("""
            // momentum
            { "name": "x", "version": "1", /* inline */ "buy": { "rules": ["mid > 0",], }, }
            """);

        d.Buy.Rules.Should().ContainSingle();
    }
}
