using System.Diagnostics;
using System.Text.Json;
using FlashTrader.Core.Risk;
using FlashTrader.Storage.State;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// The risk manager's state through the real binary: a breaker tripped before a SIGKILL is still tripped, with the same
/// reason and trip time, when the run restarts without --reset, even with a limit it would no longer trip on; --reset
/// clears it.
/// </summary>
public sealed class RiskStateRestartTests
{
    private const string Reason = "max drawdown 0.001% reached";

    private static string? Halted(string summaryFile) =>
        SummaryJson.Load(summaryFile).Root.TryGetProperty("halted", out JsonElement halted) && halted.ValueKind == JsonValueKind.String ? halted.GetString() : null;

    private static RiskState? Journaled(string dataDirectory)
    {
        using var store = new PaperStateStore(Path.Combine(dataDirectory, "state", "paper.db"));
        return store.LoadRiskState();
    }

    [Fact]
    public void A_breaker_tripped_before_a_SIGKILL_still_halts_after_the_restart_and_reset_clears_it()
    {
        using var run = new RunDirectory();
        // A 0.001% drawdown (0.10 USDC on 10,000) trips within seconds of the sample.
        FlashTraderProcess.Result killed = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "20", "--set", "Risk:MaxDrawdownPercent=0.001", .. run.DataArgs],
            whileRunning: (process, stderr) =>
            {
                var waited = Stopwatch.StartNew();
                while (!stderr().Contains("Risk: new entries halted: " + Reason, StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromMinutes(1))
                {
                    Thread.Sleep(10);
                }

                Thread.Sleep(300);
                process.Kill();
            });
        killed.ExitCode.Should().NotBe(0, "the run was killed with SIGKILL\n" + killed);
        BreakerState trip = Journaled(run.Path)!.Breakers.Should().ContainSingle("the trip was journaled before the kill").Which;
        trip.Should().Match<BreakerState>(b => b.Breaker == CircuitBreaker.MaxDrawdown && b.Reason == Reason && b.HoldUntilNs == long.MaxValue);

        // Restarted with a limit this replay never reaches: only the journal can keep it halted.
        FlashTraderProcess.Result restarted = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--speed", "20", "--duration", "3", "--set", "Risk:MaxDrawdownPercent=50", "--summary", run.File("restarted.json"), .. run.DataArgs]);

        restarted.ExitCode.Should().Be(0, restarted.ToString());
        restarted.Stderr.Should().Contain("Risk state restored from").And.Contain("new entries halted: " + Reason);
        Halted(run.File("restarted.json")).Should().Be(Reason);
        Journaled(run.Path)!.Breakers.Should().Equal([trip], "the same trip, not a new one");

        FlashTraderProcess.Result reset = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "20", "--duration", "3", "--set", "Risk:MaxDrawdownPercent=50", "--summary", run.File("reset.json"), .. run.DataArgs]);

        reset.ExitCode.Should().Be(0, reset.ToString());
        reset.Stderr.Should().NotContain("Risk state restored");
        Halted(run.File("reset.json")).Should().BeNull("--reset starts the risk manager afresh");
        Journaled(run.Path)!.Breakers.Should().BeEmpty();
    }
}
