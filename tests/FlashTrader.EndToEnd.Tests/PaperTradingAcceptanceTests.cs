namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// The real binary replays the bundled sample (Binance spot BTCUSDT/ETHUSDT L2 of 2024-08-08, mapped to BTCUSDC/ETHUSDC)
/// with the default configuration. Exact counts and balances are pinned, like NautilusTrader's acceptance tests: any
/// change in them is a change in trading behaviour and must be deliberate. The default fill model applies: 5 ms each
/// way between decision and matching engine, resting orders behind the displayed queue (README, Execution model).
/// </summary>
public sealed class PaperTradingAcceptanceTests
{
    private static readonly Dictionary<string, string> BaseAssets = new() { ["BTCUSDC"] = "BTC", ["ETHUSDC"] = "ETH" };

    [Fact]
    public void Replaying_the_sample_trades_with_pinned_counts_and_balances()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result result = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--summary", run.File("summary.json"), .. run.DataArgs]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("FlashTrader run summary").And.Contain("fills.csv");
        SummaryJson s = SummaryJson.Load(run.File("summary.json"));
        s.Long("events").Should().Be(179_318);
        s.Long("signals").Should().Be(18_596);
        s.Long("decisions").Should().Be(320);
        s.Long("orders").Should().Be(320);
        s.Long("fills").Should().Be(293);
        s.Long("bookGaps").Should().Be(0);
        s.Long("bookResyncs").Should().Be(0);
        s.Long("droppedEvents").Should().Be(0);
        s.Long("errors").Should().Be(0);
        s.Money("startingEquity").Should().Be(10_000m);
        s.Money("endingEquity").Should().Be(10018.98658223m);
        s.Money("realizedPnl").Should().Be(18.98658223m);
        s.Balances.Should().Equal(new Dictionary<string, decimal> { ["USDC"] = 10018.98658223m, ["BTC"] = 0m, ["ETH"] = 0m });
        s.Root.GetProperty("latencyMicros").GetProperty("count").GetInt64().Should().Be(320);
    }

    [Fact]
    public void The_ledger_invariants_hold_exactly()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result result = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--summary", run.File("summary.json"), .. run.DataArgs]);
        result.ExitCode.Should().Be(0, result.ToString());
        SummaryJson s = SummaryJson.Load(run.File("summary.json"));

        // 1. Replaying fills.csv from the starting balances reproduces the final balances.
        var start = new Dictionary<string, decimal> { ["USDC"] = 10_000m, ["BTC"] = 0m, ["ETH"] = 0m };
        Dictionary<string, decimal> replayed = FillsLedger.Replay(run.File("fills.csv"), start, BaseAssets);
        replayed.Should().Equal(s.Balances);

        // 2. endingEquity = startingEquity + realizedPnl + unrealizedPnl - fees, at the final mark.
        (s.Money("startingEquity") + s.Money("realizedPnl") + s.Money("unrealizedPnl") - s.Money("fees"))
            .Should().Be(s.Money("endingEquity"));
    }

    [Fact]
    public void Two_replays_give_byte_identical_fills_and_summaries()
    {
        using var first = new RunDirectory();
        using var second = new RunDirectory();
        FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--summary", first.File("s.json"), .. first.DataArgs]).ExitCode.Should().Be(0);
        FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--summary", second.File("s.json"), .. second.DataArgs]).ExitCode.Should().Be(0);

        File.ReadAllBytes(first.File("fills.csv")).Should().Equal(File.ReadAllBytes(second.File("fills.csv")));
        SummaryJson.Load(first.File("s.json")).WithoutWallClock().Should().Be(SummaryJson.Load(second.File("s.json")).WithoutWallClock());
    }

    [Fact]
    public void Fees_configured_for_a_pair_are_charged_and_keep_the_invariants()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result result = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--summary", run.File("s.json"), "--set", "TradingPairs:0:TakerFee=0.0005", .. run.DataArgs]);
        result.ExitCode.Should().Be(0, result.ToString());
        SummaryJson s = SummaryJson.Load(run.File("s.json"));

        s.Money("fees").Should().BePositive();
        var start = new Dictionary<string, decimal> { ["USDC"] = 10_000m, ["BTC"] = 0m, ["ETH"] = 0m };
        FillsLedger.Replay(run.File("fills.csv"), start, BaseAssets).Should().Equal(s.Balances);
        (s.Money("startingEquity") + s.Money("realizedPnl") + s.Money("unrealizedPnl") - s.Money("fees")).Should().Be(s.Money("endingEquity"));
    }
}
