using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests;

/// <summary><c>flashtrader sim</c>: the local MEXC exchange as a command.</summary>
public sealed class SimCommandTests
{
    [Fact]
    public async Task Sim_prints_its_REST_and_WS_addresses_and_credentials_then_serves_the_recording()
    {
        await using SimulatorProcess sim = await SimulatorProcess.StartAsync("--recording", FlashTraderProcess.Sample, "--speed", "max");

        sim.Banner[0].Should().MatchRegex(@"^REST http://127\.0\.0\.1:[0-9]+$");
        sim.Banner[1].Should().Be($"WS ws{sim.RestUrl["http".Length..]}/ws");
        sim.Banner[2].Should().StartWith("API key ");
        sim.Banner[3].Should().StartWith("API secret ");

        using var http = new HttpClient { BaseAddress = new Uri(sim.RestUrl) };
        JsonElement depth = JsonDocument.Parse(await http.GetStringAsync("/api/v3/depth?symbol=BTCUSDC&limit=5")).RootElement;
        depth.GetProperty("bids").GetArrayLength().Should().Be(5);
        depth.GetProperty("lastUpdateId").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task The_bot_paper_trades_the_sample_through_the_simulator_over_its_real_REST_and_WebSocket_client()
    {
        await using SimulatorProcess sim = await SimulatorProcess.StartAsync("--recording", FlashTraderProcess.Sample, "--speed", "5");
        using var run = new RunDirectory();

        FlashTraderProcess.Result bot = FlashTraderProcess.Run(
            ["--duration", "20", "--reset", "--summary", run.File("s.json"), "--set", $"Mexc:RestUrl={sim.RestUrl}", "--set", $"Mexc:WsUrl={sim.WsUrl}", .. run.DataArgs]);

        bot.ExitCode.Should().Be(0, bot.ToString());
        bot.Stderr.Should().Contain("Live MEXC book BTCUSDC: synced").And.Contain("Live MEXC book ETHUSDC: synced");
        SummaryJson s = SummaryJson.Load(run.File("s.json"));
        s.Long("events").Should().BeGreaterThan(1_000, "20 s of the sample at 5x");
        s.Long("bookGaps").Should().Be(0);
        s.Long("signals").Should().BePositive();
        s.Long("decisions").Should().BePositive();
        s.Long("fills").Should().BePositive("orders reach the paper exchange's book through the live path");
    }

    [Fact]
    public void A_bad_fault_spec_is_a_usage_error_naming_the_item()
    {
        FlashTraderProcess.Result result = FlashTraderProcess.Run(["sim", "--recording", FlashTraderProcess.Sample, "--faults", "seed=3;gap=1.5"]);
        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("error: --faults: item 'gap=1.5' at column 8: '1.5' is not a probability between 0 and 1");
    }

    [Fact]
    public void A_missing_recording_is_a_usage_error()
    {
        FlashTraderProcess.Result result = FlashTraderProcess.Run(["sim", "--recording", "no-such.ftrec"]);
        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--recording: file not found: no-such.ftrec");
    }
}
