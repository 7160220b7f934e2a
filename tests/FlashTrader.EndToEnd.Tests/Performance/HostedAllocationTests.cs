using System.Text.Json;
using Xunit.Abstractions;

namespace FlashTrader.EndToEnd.Tests.Performance;

/// <summary>
/// The real binary, every feature of a default run on (dashboard taps publishing, control inbox, crash-safe journal,
/// fill model, trade log), replays the sample three times over at full speed. Its summary reports the run's second
/// half (the steady state) and which part of that the journal and the dashboard snapshots account for; the rest is
/// the per-market-event path, which must allocate nothing.
/// </summary>
public sealed class HostedAllocationTests(ITestOutputHelper output)
{
    /// <summary>
    /// Why not exactly 0: in the measured half a few buffers sized by the market are still growing (the trade tape, the
    /// books' storage), and the process has other threads that allocate a little whatever the pipeline does (the
    /// dashboard's web server, the logger, timers). The replay source's pooled depth buffers no longer grow: they are
    /// kept by size class, and each update rents a buffer that already holds it (before, a buffer deep in the pool's
    /// stack grew whenever it met a larger diff: 1.64–1.66 B/event here on one thread, 8–10 on two on the 10-pass replay,
    /// where more events are in flight). Now 0.33 B/event with one thread or two (Debug, load 25). A per-event
    /// allocation anywhere on the hot path (an async state machine, a boxed struct, a closure) costs 24 bytes or more per
    /// event, so it cannot hide under this budget.
    /// </summary>
    private const double PerEventBudget = 1;

    /// <summary>
    /// The journal appends rows as each order decision and exchange report is handled and commits one SQLite transaction
    /// per send of the exchange stage's feedback, reading the live account in place and binding prepared statements on
    /// SQLite's native handle (no exported account, binder, boxed value or string per row); it also writes a fills.csv
    /// row (formatted on the stack) and a trade-log line per fill: per order, not per event. 1.48 B per event on this
    /// market (512 orders, 403 fills over the three passes), nearly all of it the trade log's lines (Serilog's event and
    /// boxed values); 4.1 before the account was committed in place, 13.2 with one Microsoft.Data.Sqlite transaction
    /// per message. The dashboard's share is not budgeted: it is per 200 ms publish, so per event it depends on how fast
    /// the machine runs the replay (2.8–3.5 B/event here under load).
    /// </summary>
    private const double JournalBudget = 2;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Once_warmed_up_the_hosted_pipeline_allocates_nothing_per_event_beyond_journal_and_dashboard(int maxSpeedThreads)
    {
        using var run = new RunDirectory();
        string recording = run.File("sample-x3.ftrec");
        long events = LongReplay.Write(recording, passes: 3);
        events.Should().Be(179_318 + (2 * 179_316));

        FlashTraderProcess.Result result = FlashTraderProcess.Run(
            ["--replay", recording, "--reset", "--summary", run.File("summary.json"), .. run.DataArgs,
                "--set", "PaperTrading:LogTrades=true", "--set", "Dashboard:Enabled=true", "--set", "Dashboard:Urls=http://127.0.0.1:0",
                "--set", $"Pipeline:MaxSpeedThreads={maxSpeedThreads}"],
            timeout: TimeSpan.FromMinutes(5));

        result.ExitCode.Should().Be(0, result.ToString());
        SummaryJson s = SummaryJson.Load(run.File("summary.json"));
        s.Long("events").Should().Be(events);
        s.Long("orders").Should().Be(512, "every pass trades, so orders, fills and journal commits are measured too");
        s.Long("fills").Should().Be(403);
        s.Long("droppedEvents").Should().Be(0);
        s.Long("bookGaps").Should().Be(0, "the continuation keeps each version chain intact");
        JsonElement steady = s.Root.GetProperty("steadyState");
        steady.GetProperty("fromEvent").GetInt64().Should().Be(262_144, "the last power of two at or before half the events");
        steady.GetProperty("events").GetInt64().Should().Be(events - 262_144);
        double total = steady.GetProperty("allocatedBytesPerEvent").GetDouble();
        double journal = steady.GetProperty("journalBytesPerEvent").GetDouble();
        double dashboard = steady.GetProperty("dashboardBytesPerEvent").GetDouble();
        journal.Should().BePositive("the journal's share is measured").And.BeLessThanOrEqualTo(JournalBudget, result.Stdout);
        dashboard.Should().BePositive("the dashboard published during the measured half");
        output.WriteLine($"{maxSpeedThreads} thread(s): steady state from event {steady.GetProperty("fromEvent").GetInt64()}: total {total:F3}, journal {journal:F3}, dashboard {dashboard:F3}, the rest {total - journal - dashboard:F3} B/event");
        (total - journal - dashboard).Should().BeLessThanOrEqualTo(PerEventBudget, result.Stdout);
    }
}
