using System.Globalization;
using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// <c>flashtrader optimize</c> on the bundled sample: grid and random search, shards and their merge, walk-forward.
/// Every trial is a backtest, so a grid row must equal the backtest of its parameters.
/// </summary>
public sealed class OptimizeTests
{
    private const string Grid = """{ "SignalGeneration:ImbalanceThreshold": [0.2, 0.3], "Execution:TakeProfitBps": { "min": 10, "max": 20, "step": 10 } }""";

    private static FlashTraderProcess.Result Optimize(RunDirectory run, string outDir, params string[] extra)
    {
        if (!File.Exists(run.File("grid.json")))
        {
            File.WriteAllText(run.File("grid.json"), Grid);
        }

        return FlashTraderProcess.Run(["optimize", "--recording", FlashTraderProcess.Sample, "--grid", run.File("grid.json"), "--out", outDir, .. extra]);
    }

    private static string[][] Rows(string csv) => [.. File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public void A_grid_search_runs_every_point_in_order_and_its_shards_merge_to_the_same_results()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = Optimize(run, run.File("all"), "--top", "2");
        r.ExitCode.Should().Be(0, r.ToString());

        string[] lines = File.ReadAllLines(run.File("all/results.csv"));
        lines[0].Should().StartWith("trial,SignalGeneration:ImbalanceThreshold,Execution:TakeProfitBps,objective,netPnl,");
        string[][] rows = Rows(run.File("all/results.csv"));
        rows.Select(f => (f[0], f[1], f[2], f[4], f[10])).Should().Equal(
            ("0", "0.2", "10", "19.5413672", "142"),
            ("1", "0.2", "20", "18.98658223", "140"),
            ("2", "0.3", "10", "20.29611355", "133"),
            ("3", "0.3", "20", "19.70324101", "130"));
        r.Stdout.Should().Contain("4 trials (grid), objective sharpe; top 2:").And.Contain("1. trial 2:");

        using (JsonDocument summary = JsonDocument.Parse(File.ReadAllText(run.File("all/summary.json"))))
        {
            JsonElement s = summary.RootElement;
            s.GetProperty("trials").GetInt64().Should().Be(4);
            s.GetProperty("totalTrials").GetInt64().Should().Be(4);
            JsonElement best = s.GetProperty("top")[0];
            best.GetProperty("trial").GetInt64().Should().Be(2);
            best.GetProperty("parameters").GetProperty("SignalGeneration:ImbalanceThreshold").GetString().Should().Be("0.3");
            // A corner of a 2 x 2 grid has two neighbours; on this plateau neither is much worse.
            best.GetProperty("neighbours").GetInt32().Should().Be(2);
            best.GetProperty("fragile").GetBoolean().Should().BeFalse();
            best.GetProperty("deflatedSharpe").GetDouble().Should().BeInRange(0, 1);
            s.GetProperty("top").GetArrayLength().Should().Be(2);
        }

        // The default parameters' row is the plain backtest's result.
        using (var bt = new RunDirectory())
        {
            FlashTraderProcess.Run(["backtest", "--recording", FlashTraderProcess.Sample, "--out", bt.Path]).ExitCode.Should().Be(0);
            using JsonDocument report = JsonDocument.Parse(File.ReadAllText(bt.File("report.json")));
            double sharpe = report.RootElement.GetProperty("metrics").GetProperty("sharpe").GetDouble();
            double.Parse(rows[1][3], CultureInfo.InvariantCulture).Should().Be(sharpe);
        }

        Optimize(run, run.File("s0"), "--shard", "0/2").ExitCode.Should().Be(0);
        Optimize(run, run.File("s1"), "--shard", "1/2").ExitCode.Should().Be(0);
        Rows(run.File("s0/results.csv")).Select(f => f[0]).Should().Equal("0", "2");
        Rows(run.File("s1/results.csv")).Select(f => f[0]).Should().Equal("1", "3");
        FlashTraderProcess.Result merge = FlashTraderProcess.Run(["optimize", "merge", run.File("s1"), run.File("s0"), "--out", run.File("merged"), "--top", "2"]);
        merge.ExitCode.Should().Be(0, merge.ToString());
        File.ReadAllBytes(run.File("merged/results.csv")).Should().Equal(File.ReadAllBytes(run.File("all/results.csv")));
        using JsonDocument merged = JsonDocument.Parse(File.ReadAllText(run.File("merged/summary.json")));
        merged.RootElement.GetProperty("shards").EnumerateArray().Select(e => e.GetString()).Should().Equal("0/2", "1/2");
        merged.RootElement.GetProperty("top")[0].GetProperty("trial").GetInt64().Should().Be(2);

        FlashTraderProcess.Result twice = FlashTraderProcess.Run(["optimize", "merge", run.File("s0"), run.File("s0"), "--out", run.File("bad")]);
        twice.ExitCode.Should().Be(2);
        twice.Stderr.Should().Contain("trial 0 is also in another shard");
    }

    [Fact]
    public void A_random_search_is_determined_by_its_seed()
    {
        using var run = new RunDirectory();
        File.WriteAllText(run.File("grid.json"), """{ "SignalGeneration:ImbalanceThreshold": { "min": 0.1, "max": 0.4 }, "Execution:TakeProfitBps": [10, 20, 30] }""");
        string[] args = ["--random", "3", "--objective", "pnl", "--set", "TradingPairs:1:Enabled=false"];

        Optimize(run, run.File("a"), [.. args, "--seed", "5"]).ExitCode.Should().Be(0);
        Optimize(run, run.File("b"), [.. args, "--seed", "5"]).ExitCode.Should().Be(0);
        Optimize(run, run.File("c"), [.. args, "--seed", "6"]).ExitCode.Should().Be(0);

        File.ReadAllBytes(run.File("b/results.csv")).Should().Equal(File.ReadAllBytes(run.File("a/results.csv")));
        string[][] a = Rows(run.File("a/results.csv"));
        a.Should().HaveCount(3);
        a.Should().OnlyContain(f => double.Parse(f[1], CultureInfo.InvariantCulture) >= 0.1 && double.Parse(f[1], CultureInfo.InvariantCulture) <= 0.4);
        a.Select(f => f[3]).Should().Equal(a.Select(f => f[4]), "the pnl objective is the net P&L");
        Rows(run.File("c/results.csv")).Select(f => f[1]).Should().NotEqual(a.Select(f => f[1]));
    }

    [Fact]
    public void Walk_forward_picks_in_sample_and_reports_out_of_sample_per_fold_and_combined()
    {
        using var run = new RunDirectory();
        File.WriteAllText(run.File("grid.json"), """{ "SignalGeneration:ImbalanceThreshold": [0.2, 0.3] }""");
        FlashTraderProcess.Result r = Optimize(run, run.File("wf"), "--walk-forward", "2", "--objective", "pnl");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("walk-forward, 2 folds x 2 trials");

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(run.File("wf/walkforward.json")));
        JsonElement[] folds = [.. doc.RootElement.GetProperty("folds").EnumerateArray()];
        folds.Should().HaveCount(2);
        DateTimeOffset T(JsonElement f, string name) => DateTimeOffset.Parse(f.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
        foreach (JsonElement f in folds)
        {
            T(f, "inSampleEnd").Should().BeOnOrBefore(T(f, "outOfSampleStart"));
            f.GetProperty("inSampleEvents").GetInt32().Should().BePositive();
            f.GetProperty("outOfSampleEvents").GetInt32().Should().BePositive();
            f.GetProperty("outOfSample").GetProperty("netPnl").GetString().Should().NotBeNullOrEmpty();
            Rows(run.File($"wf/results-fold-{f.GetProperty("fold").GetInt32()}.csv")).Should().HaveCount(2);
        }

        T(folds[1], "outOfSampleStart").Should().Be(T(folds[0], "outOfSampleEnd"));
        // The sample spans 23:54:15.208 to 00:05:05.817: four equal slices, the first fold's in-sample window is two of them.
        T(folds[0], "inSampleStart").Should().Be(DateTimeOffset.Parse("2024-08-08T23:54:15.208Z", CultureInfo.InvariantCulture));
        folds.Sum(f => f.GetProperty("outOfSample").GetProperty("trades").GetInt32())
            .Should().Be(doc.RootElement.GetProperty("combinedOutOfSample").GetProperty("trades").GetInt32());
        doc.RootElement.TryGetProperty("walkForwardEfficiency", out _).Should().BeTrue();
    }

    [Fact]
    public void Bad_requests_are_usage_errors_naming_what_is_wrong()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result shard = Optimize(run, run.File("x"), "--shard", "2/2");
        shard.ExitCode.Should().Be(2);
        shard.Stderr.Should().Contain("--shard: '2/2'");

        File.WriteAllText(run.File("grid.json"), """{ "Execution:TakeProfitBps": { "min": 10, "max": 30 } }""");
        FlashTraderProcess.Result continuous = Optimize(run, run.File("x"));
        continuous.ExitCode.Should().Be(2);
        continuous.Stderr.Should().Contain("\"Execution:TakeProfitBps\" is a continuous range");

        File.WriteAllText(run.File("grid.json"), """{ "Execution:TakeProfitBps": [10, -5] }""");
        FlashTraderProcess.Result invalid = Optimize(run, run.File("x"));
        invalid.ExitCode.Should().Be(2);
        invalid.Stderr.Should().Contain("trial 1 (Execution:TakeProfitBps=-5)").And.Contain("Execution:TakeProfitBps");
    }
}
