using System.Diagnostics;
using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>JSON strategies in a real run: attribution in fills.csv and the summary, sessions, and hot swap.</summary>
public sealed class StrategyRunTests
{
    private static string Definition(string version, double threshold) => $$"""
        {
          "name": "hot",
          "version": "{{version}}",
          "parameters": { "threshold": {{threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}} },
          "buy": { "rules": ["imbalance > threshold"], "strength": "1" },
          "sell": { "rules": ["imbalance < -threshold"], "strength": "1" }
        }
        """;

    private static IEnumerable<JsonElement> Strategies(SummaryJson s) => s.Root.GetProperty("strategies").EnumerateArray();

    [Fact]
    public void A_json_strategy_runs_beside_the_built_ins_and_its_fills_name_it()
    {
        using var run = new RunDirectory();
        File.WriteAllText(run.File("hot.json"), Definition("1.0.0", 0.3));

        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--summary", run.File("s.json"), "--set", $"Strategies:Files:0={run.File("hot.json")}", .. run.DataArgs]);

        r.ExitCode.Should().Be(0, r.ToString());
        SummaryJson s = SummaryJson.Load(run.File("s.json"));
        Strategies(s).Select(e => (e.GetProperty("name").GetString(), e.GetProperty("version").GetString()))
            .Should().BeEquivalentTo([("imbalance", "builtin"), ("momentum", "builtin"), ("volatility", "builtin"), ("hot", "1.0.0")]);
        Strategies(s).Sum(e => e.GetProperty("signals").GetInt64()).Should().Be(s.Long("signals"));
        string[] rows = [.. File.ReadAllLines(run.File("fills.csv")).Skip(1)];
        rows.Should().NotBeEmpty();
        rows.Should().Contain(row => row.EndsWith(",hot,1.0.0," + Hash(run.File("hot.json")), StringComparison.Ordinal));
        rows.Should().OnlyContain(row => row.Split(',').Length == 14 && row.Split(',')[11].Length > 0, "every fill was caused by some strategy's signal");
        r.Stdout.Should().Contain("strategy          hot 1.0.0 (");
        // The sample runs 2024-08-08 23:54 to 2024-08-09 00:05 UTC: off-hours, then Asia.
        s.Root.GetProperty("sessions").EnumerateObject().Select(p => p.Name).Should().BeSubsetOf(["off-hours", "asia"]).And.NotBeEmpty();
        s.Root.GetProperty("sessions").EnumerateObject().Sum(p => p.Value.GetProperty("fills").GetInt64()).Should().Be(s.Long("fills"));
    }

    [Fact]
    public void A_broken_definition_stops_the_run_with_exit_2_and_its_position()
    {
        using var run = new RunDirectory();
        File.WriteAllText(run.File("hot.json"), Definition("1.0.0", 0.3).Replace("imbalance > threshold", "imbalance > treshold", StringComparison.Ordinal));

        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--set", $"Strategies:Files:0={run.File("hot.json")}", .. run.DataArgs]);

        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain($"{run.File("hot.json")}:5:35: in \"imbalance > treshold\": unknown name 'treshold'").And.Contain("did you mean 'threshold'?");
    }

    [Fact]
    public void Editing_the_file_mid_run_switches_version_between_events_and_a_broken_edit_keeps_the_running_one()
    {
        using var run = new RunDirectory();
        string path = run.File("hot.json");
        File.WriteAllText(path, Definition("1.0.0", 0.3));

        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "20", "--duration", "25", "--summary", run.File("s.json"),
             "--set", $"Strategies:Files:0={path}", "--set", "Strategies:DebounceMs=100", .. run.DataArgs],
            timeout: TimeSpan.FromMinutes(2),
            whileRunning: (_, stderr) =>
            {
                WaitFor(stderr, "Strategy hot: loaded", TimeSpan.FromSeconds(30));
                Thread.Sleep(6_000); // about two minutes of market at 20x on version 1
                File.WriteAllText(path, Definition("2.0.0", 0.25));
                WaitFor(stderr, "Strategy hot: reloaded", TimeSpan.FromSeconds(10));
                Thread.Sleep(4_000);
                File.WriteAllText(path, "{ \"name\": \"hot\", \"version\": \"3.0.0\", \"buy\": { \"rules\": \"imbalance >\" } }");
                WaitFor(stderr, "was rejected", TimeSpan.FromSeconds(10));
            });

        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("version 1.0.0 (").And.Contain(") -> 2.0.0 (");
        r.Stderr.Should().Contain("Strategy hot: the edit of").And.Contain("version 2.0.0").And.Contain("keeps running").And.Contain(":1:68: in \"imbalance >\"");
        SummaryJson s = SummaryJson.Load(run.File("s.json"));
        var versions = Strategies(s).Where(e => e.GetProperty("name").GetString() == "hot")
            .ToDictionary(e => e.GetProperty("version").GetString()!, e => e.GetProperty("signals").GetInt64());
        versions.Keys.Should().BeEquivalentTo(["1.0.0", "2.0.0"], "the broken 3.0.0 never ran");
        versions["1.0.0"].Should().BePositive();
        versions["2.0.0"].Should().BePositive("version 2 took over while the replay was running");
        string[] strategyColumns = [.. File.ReadAllLines(run.File("fills.csv")).Skip(1).Select(l => string.Join(',', l.Split(',')[11..13]))];
        strategyColumns.Should().Contain("hot,1.0.0").And.Contain("hot,2.0.0");
    }

    private static void WaitFor(Func<string> stderr, string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!stderr().Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"'{text}' did not appear in the log within {timeout.TotalSeconds} s:\n{stderr()}");
            }

            Thread.Sleep(50);
        }
    }

    private static string Hash(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..16];
}
