namespace FlashTrader.EndToEnd.Tests;

/// <summary><c>flashtrader strategy validate</c> through the binary: 0 for a valid definition, 2 with file:line:column otherwise.</summary>
public sealed class StrategyCommandTests
{
    private static string Shipped(string name) => Path.Combine(FlashTraderProcess.RepositoryRoot, "config", "strategies", name);

    [Theory]
    [InlineData("imbalance.json", "imbalance 1.0.0")]
    [InlineData("momentum.json", "momentum 1.0.0")]
    [InlineData("volatility.json", "volatility 1.0.0")]
    [InlineData("momentum-1m.json", "momentum-1m 1.0.0")]
    [InlineData("trend-15m.json", "trend-15m 1.0.0")]
    [InlineData("mean-reversion.json", "mean-reversion 1.0.0")]
    [InlineData("volume-breakout.json", "volume-breakout 1.0.0")]
    public void A_shipped_strategy_is_valid(string file, string identity)
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["strategy", "validate", Shipped(file)]);

        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain($"valid: {identity} (");
    }

    [Fact]
    public void An_unknown_name_exits_2_with_file_line_and_column()
    {
        using var run = new RunDirectory();
        string path = run.File("bad.json");
        File.WriteAllText(path, "{\n  \"name\": \"bad\", \"version\": \"1\",\n  \"buy\": { \"rules\": [\"imbalance > 0.2 && rsi14 < 30\"] }\n}\n");

        FlashTraderProcess.Result r = FlashTraderProcess.Run(["strategy", "validate", path]);

        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Trim().Should().Be($"error: {path}:3:42: in \"imbalance > 0.2 && rsi14 < 30\": unknown name 'rsi14': not an indicator output, market feature or parameter of this strategy");
    }

    [Fact]
    public void An_unknown_key_exits_2_naming_what_was_expected()
    {
        using var run = new RunDirectory();
        string path = run.File("bad.json");
        File.WriteAllText(path, "{ \"name\": \"bad\", \"version\": \"1\", \"buy\": { \"rules\": \"mid > 0\", \"strenght\": \"1\" } }");

        FlashTraderProcess.Result r = FlashTraderProcess.Run(["strategy", "validate", path]);

        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain($"error: {path}:1:63: unknown key 'strenght' in 'buy' (expected one of: rules, require, strength)");
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["strategy", "validate", "no-such-strategy.json"]);

        r.ExitCode.Should().Be(2);
        r.Stderr.Should().Contain("strategy file not found");
    }
}
