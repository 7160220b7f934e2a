namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// Parity between the live path and replay: the bot trading the bundled sample through the simulator
/// (<c>sim --unaggregated --speed max</c>: every recorded event pushed on its own, the books synced from the
/// recording's own snapshots) over its real REST + WebSocket client fills exactly what <c>--replay</c> fills on the same
/// recording, with the zero-latency model on both sides (Execution:Latency legs 0; feed latency is not added to either:
/// the sample's recorded receive times precede its exchange times, and the simulator's recorded times are far behind
/// the live clock). The recording is the sample with its exchange times cut to the millisecond, MEXC's resolution:
/// the sample's sub-millisecond book-ticker times cannot cross the protocol, and strategies' time rules compare
/// nanoseconds (on the sample as it is, the first 143 fills agree in price and quantity; see README).
/// </summary>
public sealed class SimulatorParityTests
{
    private static readonly string[] ZeroLatency =
        ["--set", "Execution:Latency:EntryMs=0", "--set", "Execution:Latency:ResponseMs=0"];

    [Fact]
    public async Task The_live_path_through_the_simulator_fills_what_the_replay_fills()
    {
        using var replay = new RunDirectory();
        string recording = replay.File("sample-ms.ftrec");
        MillisecondRecording.Write(FlashTraderProcess.Sample, recording);
        FlashTraderProcess.Result replayed = FlashTraderProcess.Run(
            ["--replay", recording, "--reset", "--summary", replay.File("s.json"), .. ZeroLatency, .. replay.DataArgs]);
        replayed.ExitCode.Should().Be(0, replayed.ToString());

        using var live = new RunDirectory();
        FlashTraderProcess.Result bot;
        await using (SimulatorProcess sim = await SimulatorProcess.StartAsync("--recording", recording, "--speed", "max", "--unaggregated"))
        {
            bot = FlashTraderProcess.Run(
                ["--duration", "120", "--reset", "--summary", live.File("s.json"), "--set", $"Mexc:RestUrl={sim.RestUrl}", "--set", $"Mexc:WsUrl={sim.WsUrl}",
                 .. ZeroLatency, .. live.DataArgs],
                timeout: TimeSpan.FromMinutes(5));
        }

        bot.ExitCode.Should().Be(0, bot.ToString());
        SummaryJson r = SummaryJson.Load(replay.File("s.json"));
        SummaryJson l = SummaryJson.Load(live.File("s.json"));
        r.Long("fills").Should().Be(PinnedFills, "the zero-latency replay of the sample at millisecond times");
        r.Money("endingEquity").Should().Be(PinnedEquity);
        l.Long("events").Should().Be(r.Long("events"), "every recorded event reached the bot");
        l.Root.GetProperty("liveFeed").GetProperty("gaps").GetInt64().Should().Be(0);

        Fills(live.File("fills.csv")).Should().Equal(Fills(replay.File("fills.csv")), "same decisions in the same order, same prices, quantities and fees");
        l.Long("fills").Should().Be(r.Long("fills"));
        l.Money("endingEquity").Should().Be(r.Money("endingEquity"));
    }

    private const long PinnedFills = 295;

    private const decimal PinnedEquity = 10019.30521561m;

    /// <summary>fills.csv rows with the time cut to the millisecond (MEXC's push resolution).</summary>
    private static string[] Fills(string path) =>
        [.. File.ReadAllLines(path).Skip(1).Select(line =>
        {
            int comma = line.IndexOf(',', StringComparison.Ordinal);
            var time = DateTimeOffset.Parse(line[..comma], System.Globalization.CultureInfo.InvariantCulture);
            return time.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + line[comma..];
        })];
}
