using System.Diagnostics;
using System.Globalization;
using FlashTrader.Storage.State;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// The journal through the real binary: its export matches the run's own fills.csv, and a run killed with SIGKILL at
/// seeded points and restarted without --reset keeps a journal whose every fill is applied exactly once.
/// </summary>
public sealed class JournalTests
{
    private static readonly string[] Assets = ["USDC", "BTC", "ETH"];

    [Fact]
    public void The_exported_fills_are_the_runs_fills_csv_and_every_decision_and_transition_is_journaled()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--summary", run.File("s.json"), .. run.DataArgs]);
        r.ExitCode.Should().Be(0, r.ToString());

        FlashTraderProcess.Result fills = FlashTraderProcess.Run(["journal", "--fills", "--out", run.File("journal-fills.csv"), "--set", $"System:DataDirectory={run.Path}"]);
        FlashTraderProcess.Result orders = FlashTraderProcess.Run(["journal", "--orders", "--out", run.File("orders.csv"), "--set", $"System:DataDirectory={run.Path}"]);
        FlashTraderProcess.Result decisions = FlashTraderProcess.Run(["journal", "--decisions", "--out", run.File("decisions.csv"), "--set", $"System:DataDirectory={run.Path}"]);

        fills.ExitCode.Should().Be(0, fills.ToString());
        fills.Stdout.Should().Contain(": 293 fills");
        // The export is fills.csv without the strategy attribution (the journal keeps that with the decisions).
        static string WithoutStrategy(string line) => string.Join(',', line.Split(',').Take(11));
        File.ReadAllLines(run.File("journal-fills.csv")).Should().Equal(File.ReadAllLines(Path.Combine(run.Path, "fills.csv")).Select(WithoutStrategy));
        decisions.Stdout.Should().Contain(": 320 decisions", "one per order the summary counts");
        orders.ExitCode.Should().Be(0, orders.ToString());
        string[] transitions = File.ReadAllLines(run.File("orders.csv"));
        transitions[0].Should().Be("seq,order_id,time_ns,symbol,side,status,purpose,reject_reason,mexc_code,fill_id,cumulative_quantity,order_quantity,event_sequence");
        transitions.Skip(1).Select(l => l.Split(',')[5]).Where(s => s is "FILLED" or "PARTIALLY_FILLED").Should().HaveCount(293);
    }

    [Fact]
    public void Journal_export_needs_exactly_one_of_fills_orders_decisions()
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["journal", "--fills", "--orders", "--out", "x.csv"]);

        r.ExitCode.Should().Be(2);
        r.Stderr.Should().Contain("journal: give exactly one of --fills, --orders, --decisions");
    }

    [Fact]
    public void Killed_with_SIGKILL_at_seeded_points_and_restarted_the_journal_applies_every_fill_exactly_once()
    {
        using var reference = new RunDirectory();
        FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", .. reference.DataArgs]).ExitCode.Should().Be(0);
        List<StoredFill> uninterrupted = Journal(reference.Path).Fills;

        using var run = new RunDirectory();
        var random = new Random(20_240_808);
        var snapshots = new List<(List<StoredFill> Fills, List<string[]> Decisions)>();
        for (int crash = 0; crash < 6; crash++)
        {
            int delayMs = random.Next(0, 2_500);
            string[] args = crash == 0 ? ["--replay", FlashTraderProcess.Sample, "--reset", .. run.DataArgs] : ["--replay", FlashTraderProcess.Sample, .. run.DataArgs];
            FlashTraderProcess.Result killed = FlashTraderProcess.Run(args, whileRunning: (process, stderr) =>
            {
                var waited = Stopwatch.StartNew();
                while (!stderr().Contains("Replaying", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromMinutes(1))
                {
                    Thread.Sleep(10);
                }

                Thread.Sleep(delayMs);
                process.Kill();
            });
            if (crash > 0 && snapshots[^1].Fills.Count > 0)
            {
                killed.Stderr.Should().Contain("Resuming binance-btc-eth-2024-08-08.ftrec:", "a restart resumes after the last journaled event");
            }

            (List<StoredFill> fills, List<string[]> decisions, _) = CheckInvariants(run.Path, $"after the SIGKILL {crash + 1} ({delayMs} ms into the replay)");
            snapshots.Add((fills, decisions));
        }

        FlashTraderProcess.Result last = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--summary", run.File("s.json"), .. run.DataArgs]);
        last.ExitCode.Should().Be(0, last.ToString());
        (List<StoredFill> final, List<string[]> finalDecisions, IReadOnlyDictionary<string, decimal> balances) = CheckInvariants(run.Path, "after the final run");

        SummaryJson.Load(run.File("s.json")).Balances.Should().Equal(balances, "the summary's balances are the journaled ones");
        foreach ((List<StoredFill> fills, List<string[]> decisions) in snapshots)
        {
            final.Take(fills.Count).Should().Equal(fills, "a restart never rewrites or repeats what was journaled before the kill");
            finalDecisions.Take(decisions.Count).Select(d => string.Join(',', d)).Should().Equal(decisions.Select(d => string.Join(',', d)));
        }

        // Until the first kill the run is the uninterrupted one, fill for fill.
        uninterrupted.Take(snapshots[0].Fills.Count).Should().Equal(snapshots[0].Fills);
        final.Count.Should().BeGreaterThan(snapshots[0].Fills.Count);
    }

    private static (List<StoredFill> Fills, List<string[]> Decisions, IReadOnlyList<RestingOrderSummary> Open) Journal(string dataDirectory)
    {
        using var store = new PaperStateStore(Path.Combine(dataDirectory, "state", "paper.db"));
        return ([.. store.ReadFills()], [.. store.ReadTable("decisions").Skip(1)], [.. store.Load()!.State.OpenOrders.Select(o => new RestingOrderSummary(o.Request.OrderId, o.Locked))]);
    }

    /// <summary>
    /// Ledger invariants of a state database: fill ids 1..n, each once; an order decided once; decisions in event
    /// order; and balances (free + locked) exactly the initial 10,000 USDC plus every journaled fill.
    /// </summary>
    private static (List<StoredFill> Fills, List<string[]> Decisions, IReadOnlyDictionary<string, decimal> Balances) CheckInvariants(string dataDirectory, string when)
    {
        using var store = new PaperStateStore(Path.Combine(dataDirectory, "state", "paper.db"));
        List<StoredFill> fills = [.. store.ReadFills()];
        List<string[]> decisions = [.. store.ReadTable("decisions").Skip(1)];
        var state = store.Load()!.State;

        fills.Select(f => f.FillId).Should().Equal(Enumerable.Range(1, fills.Count).Select(i => (long)i), $"fill ids are applied once each, in order, {when}");
        decisions.Select(d => d[1]).Should().OnlyHaveUniqueItems($"no order is decided or sent twice, {when}");
        decisions.Select(d => long.Parse(d[^1], CultureInfo.InvariantCulture)).Should().BeInAscendingOrder($"nothing is decided again on a journaled event, {when}");

        var expected = Assets.ToDictionary(a => a, a => a == "USDC" ? 10_000m : 0m, StringComparer.Ordinal);
        foreach (StoredFill f in fills)
        {
            string asset = f.Symbol[..^4];
            decimal quote = Dec(f.QuoteQuantity);
            decimal fee = Dec(f.Fee);
            decimal quantity = Dec(f.Quantity);
            bool buy = f.Side == "BUY";
            expected["USDC"] += buy ? -(quote + fee) : quote - fee;
            expected[asset] += buy ? quantity : -quantity;
        }

        var balances = state.Balances.ToDictionary(kv => kv.Key, kv => kv.Value.Free + kv.Value.Locked, StringComparer.Ordinal);
        foreach (string asset in Assets)
        {
            balances[asset].Should().Be(expected[asset], $"{asset} is the initial balance plus every journaled fill, {when}");
        }

        // A kill before the first commit leaves no position rows: no row is a flat position.
        foreach (string symbol in new[] { "BTCUSDC", "ETHUSDC" })
        {
            decimal held = state.Positions.TryGetValue(symbol, out var position) ? position.Quantity.ToDecimal() : 0m;
            held.Should().Be(expected[symbol[..^4]], $"{symbol}'s position is the sum of its journaled fills, {when}");
        }
        return (fills, decisions, balances);
    }

    private static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);

    private sealed record RestingOrderSummary(long OrderId, decimal Locked);
}
