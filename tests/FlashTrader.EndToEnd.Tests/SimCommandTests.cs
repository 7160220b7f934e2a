using System.Diagnostics;
using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests;

/// <summary><c>flashtrader sim</c>: the local MEXC exchange as a command.</summary>
public sealed class SimCommandTests
{
    [Fact]
    public async Task Sim_prints_its_REST_and_WS_addresses_and_credentials_then_serves_the_recording()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = FlashTraderProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { FlashTraderProcess.Executable, "sim", "--recording", FlashTraderProcess.Sample, "--port", "0", "--speed", "max" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        try
        {
            var lines = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (lines.Count < 4)
            {
                string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                line.Should().NotBeNull("the simulator prints four lines before serving; stderr: " + (process.HasExited ? await process.StandardError.ReadToEndAsync() : ""));
                lines.Add(line!);
            }

            lines[0].Should().MatchRegex(@"^REST http://127\.0\.0\.1:[0-9]+$");
            string rest = lines[0]["REST ".Length..];
            lines[1].Should().Be($"WS ws{rest["http".Length..]}/ws");
            lines[2].Should().StartWith("API key ");
            lines[3].Should().StartWith("API secret ");

            using var http = new HttpClient { BaseAddress = new Uri(rest) };
            JsonElement depth = JsonDocument.Parse(await http.GetStringAsync("/api/v3/depth?symbol=BTCUSDC&limit=5")).RootElement;
            depth.GetProperty("bids").GetArrayLength().Should().Be(5);
            depth.GetProperty("lastUpdateId").GetInt64().Should().BePositive();
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
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
