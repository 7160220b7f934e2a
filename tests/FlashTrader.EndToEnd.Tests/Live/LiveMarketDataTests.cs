using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashTrader.EndToEnd.Tests.Dashboard;
using FlashTrader.Tests.Shared;

namespace FlashTrader.EndToEnd.Tests.Live;

/// <summary>The binary against a loopback MEXC (WebSocket + REST): live paper trading, and record then replay.</summary>
public sealed partial class LiveMarketDataTests : IAsyncLifetime, IDisposable
{
    private LoopbackMexcServer _server = null!;
    private SyntheticMexcMarket _market = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackMexcServer.StartAsync();
        _market = new SyntheticMexcMarket(_server, ("BTCUSDC", 60_000m), ("ETHUSDC", 2_500m));
        _market.Start();
    }

    public async Task DisposeAsync()
    {
        _market.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _market?.Dispose();

    [Fact]
    public void Run_without_replay_paper_trades_live_data_from_the_configured_MEXC_endpoints_with_synced_books()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            [.. run.DataArgs, .. Endpoints(), "--duration", "4", "--summary", run.File("summary.json")], timeout: TimeSpan.FromMinutes(2));

        r.ExitCode.Should().Be(0, r.ToString());
        SummaryJson summary = SummaryJson.Load(run.File("summary.json"));
        summary.Long("events").Should().BeGreaterThan(200, "about 4 s of 10 ms pushes for two symbols");
        summary.Long("bookGaps").Should().Be(0);
        summary.Long("bookResyncs").Should().Be(0);
        summary.Long("errors").Should().Be(0);
        r.Stderr.Should().Contain("BTCUSDC: order book synced at version").And.Contain("ETHUSDC: order book synced at version");
        r.Stderr.Should().MatchRegex("Live MEXC book BTCUSDC: synced, version [0-9]+, gaps 0, resyncs 0, snapshots 1");
        r.Stderr.Should().MatchRegex("Live MEXC book ETHUSDC: synced, version [0-9]+, gaps 0, resyncs 0, snapshots 1");
        _server.Connections.Should().ContainSingle().Which.Subscriptions.Should().HaveCount(10);
        _server.DepthRequests.Should().Be(2);
    }

    [Fact]
    public void The_dashboard_names_the_live_feed_and_shows_its_connection_counters_while_it_runs()
    {
        using var run = new RunDirectory();
        JsonElement status = default;
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            [.. run.DataArgs, .. Endpoints(), "--duration", "60", "--set", "Dashboard:Enabled=true", "--set", "Dashboard:Urls=http://127.0.0.1:0"],
            timeout: TimeSpan.FromMinutes(2),
            whileRunning: (process, stderr) =>
            {
                using var http = new HttpClient { BaseAddress = DashboardRun.WaitForUrl(process, stderr) };
                var waited = Stopwatch.StartNew();
                do
                {
                    Thread.Sleep(100);
                    status = JsonDocument.Parse(http.GetStringAsync("api/status").Result).RootElement.Clone();
                }
                while (waited.Elapsed < TimeSpan.FromSeconds(30)
                    && (status.GetProperty("liveFeed").ValueKind != JsonValueKind.Object || status.GetProperty("liveFeed").GetProperty("booksSyncedAtEnd").GetInt32() < 2));
                using Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!;
                kill.WaitForExit();
            });

        r.ExitCode.Should().Be(0, r.ToString());
        status.GetProperty("feed").GetString().Should().Be($"live MEXC {_server.WsUrl}");
        JsonElement live = status.GetProperty("liveFeed");
        live.GetProperty("connects").GetInt64().Should().Be(1);
        live.GetProperty("reconnects").GetInt64().Should().Be(0);
        live.GetProperty("frames").GetInt64().Should().BeGreaterThan(0);
        live.GetProperty("malformedFrames").GetInt64().Should().Be(0);
        live.GetProperty("booksSyncedAtEnd").GetInt32().Should().Be(2, "both books sync from their REST snapshots: " + status);
    }

    [Fact]
    public void Record_writes_raw_frames_and_snapshots_that_replay_decodes_into_the_same_events_with_synced_books()
    {
        using var run = new RunDirectory();
        string recording = run.File("live.ftrec");
        FlashTraderProcess.Result record = FlashTraderProcess.Run(
            ["record", "--symbols", "BTCUSDC,ETHUSDC", "--duration", "8", "--output", recording, .. run.DataArgs.Take(2), .. Endpoints()], timeout: TimeSpan.FromMinutes(2));

        record.ExitCode.Should().Be(0, record.ToString());
        Match counts = RecordedCounts().Match(record.Stdout);
        counts.Success.Should().BeTrue(record.Stdout);
        long events = long.Parse(counts.Groups["events"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        long frames = long.Parse(counts.Groups["frames"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        long snapshots = long.Parse(counts.Groups["snapshots"].Value, System.Globalization.CultureInfo.InvariantCulture);
        snapshots.Should().Be(2, "one REST snapshot per symbol synced each book: " + record);
        frames.Should().BeGreaterThan(100);
        events.Should().Be(frames + snapshots);

        FlashTraderProcess.Result replay = FlashTraderProcess.Run([.. run.DataArgs, "--replay", recording, "--summary", run.File("replay.json")]);

        replay.ExitCode.Should().Be(0, replay.ToString());
        SummaryJson summary = SummaryJson.Load(run.File("replay.json"));
        summary.Long("events").Should().Be(events, "every recorded frame decodes to exactly one event here, and each snapshot is one");
        summary.Long("skippedEvents").Should().Be(0);
        summary.Long("bookGaps").Should().Be(0);
        summary.Long("bookResyncs").Should().Be(0);
    }

    private string[] Endpoints() => ["--set", $"Mexc:WsUrl={_server.WsUrl}", "--set", $"Mexc:RestUrl={_server.RestUrl}"];

    [GeneratedRegex(@": (?<events>[0-9,]+) events \((?<frames>[0-9,]+) frames, (?<snapshots>[0-9]+) snapshots\) in [0-9,]+ blocks")]
    private static partial Regex RecordedCounts();
}
