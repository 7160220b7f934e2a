using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// The bot paper-trading the sample through the simulator with one fault kind on at a time (<c>sim --faults</c>):
/// it recovers (the recovery counters of its <c>--summary</c>), its trading book mirrors every gap the live feed saw
/// (so it is unsynced, and orders are refused, exactly while the feed's book is), no fill is booked twice, and the
/// ledger invariants hold. The order-side faults (execute-then-5xx, signed requests under a skewed clock) are met by
/// the REST client itself: see the simulator's RealClientRecoveryTests; paper trading sends no orders to MEXC.
/// </summary>
public sealed class SimulatorFaultRecoveryTests
{
    private static readonly Dictionary<string, string> BaseAssets = new() { ["BTCUSDC"] = "BTC", ["ETHUSDC"] = "ETH" };

    public static TheoryData<string, string, string[]> Faults() => new()
    {
        // fault kind, --faults spec, the live-feed counters that must be positive
        { "connection dropped every 3 s", "seed=1;drop=3s", ["reconnects", "resyncs"] },
        { "skipped diffs (version gaps)", "seed=1;gap=0.05", ["gaps", "resyncs"] },
        { "delayed and jittered pushes", "seed=1;delay=2ms;jitter=4ms", ["frames"] },
        { "malformed frames", "seed=1;malformed=0.03", ["malformedFrames", "gaps", "resyncs"] },
        { "429 with Retry-After on resync snapshots", "seed=1;gap=0.05;429=0.4;retry-after=1s", ["resyncs", "restRetries"] },
        { "418 bans on resync snapshots", "seed=1;gap=0.05;418=0.3", ["resyncs", "failedSnapshotFetches"] },
        { "server clock skewed by -1.5 s", "seed=1;skew=-1500ms", ["frames"] },
        { "24-hour disconnect forced after 3 s", "seed=1;lifetime=3s", ["reconnects", "resyncs"] },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task The_bot_recovers_and_keeps_its_ledger_exact(string kind, string spec, string[] positive)
    {
        await using SimulatorProcess sim = await SimulatorProcess.StartAsync("--recording", FlashTraderProcess.Sample, "--speed", "5", "--faults", spec);
        using var run = new RunDirectory();

        FlashTraderProcess.Result bot = FlashTraderProcess.Run(
            ["--duration", "12", "--reset", "--summary", run.File("s.json"), "--set", $"Mexc:RestUrl={sim.RestUrl}", "--set", $"Mexc:WsUrl={sim.WsUrl}",
             "--set", "Mexc:BanBackoffMs=1000", "--set", "Mexc:Book:MaxResyncAttempts=50", .. run.DataArgs]);

        bot.ExitCode.Should().Be(0, $"{kind}: {bot}");
        SummaryJson s = SummaryJson.Load(run.File("s.json"));
        JsonElement feed = s.Root.GetProperty("liveFeed");
        foreach (string counter in positive)
        {
            feed.GetProperty(counter).GetInt64().Should().BePositive($"{kind}: {counter} in {feed}");
        }

        s.Long("errors").Should().Be(0, kind);
        s.Long("events").Should().BePositive(kind);
        s.Long("bookGaps").Should().Be(feed.GetProperty("gaps").GetInt64(), $"{kind}: the trading book saw every gap the feed's book saw, so it was unsynced while the feed's was");

        // No fill booked twice; replaying fills.csv from the start balances gives the summary's balances exactly.
        string[] fills = File.ReadAllLines(run.File("fills.csv"));
        fills.Skip(1).Select(l => l.Split(',')[9]).Should().OnlyHaveUniqueItems(kind);
        s.Long("fills").Should().Be(fills.Length - 1, kind);
        var start = new Dictionary<string, decimal> { ["USDC"] = 10_000m, ["BTC"] = 0m, ["ETH"] = 0m };
        FillsLedger.Replay(run.File("fills.csv"), start, BaseAssets).Should().Equal(s.Balances, kind);
        (s.Money("startingEquity") + s.Money("realizedPnl") + s.Money("unrealizedPnl") - s.Money("fees")).Should().Be(s.Money("endingEquity"), kind);
    }
}
