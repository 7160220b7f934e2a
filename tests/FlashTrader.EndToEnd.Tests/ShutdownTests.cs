using System.Diagnostics;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>Graceful shutdown: stop the source, drain the channels, persist, write the summary, exit 0.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public void Duration_stops_a_real_time_replay_cleanly()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "1", "--duration", "3", "--summary", run.File("s.json"), .. run.DataArgs]);

        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("Duration of 3 s reached");
        SummaryJson s = SummaryJson.Load(run.File("s.json"));
        s.Long("events").Should().BePositive().And.BeLessThan(179_318);
        s.Long("errors").Should().Be(0);
        File.Exists(Path.Combine(run.Path, "state", "paper.db")).Should().BeTrue();
    }

    [Fact]
    public void Sigterm_drains_persists_and_exits_0_with_a_summary()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "1", "--summary", run.File("s.json"), .. run.DataArgs],
            whileRunning: (process, stderr) =>
            {
                // Signal only once the pipeline is replaying, then let it run a little.
                var started = Stopwatch.StartNew();
                while (!stderr().Contains("Replaying", StringComparison.Ordinal) && started.Elapsed < TimeSpan.FromMinutes(1))
                {
                    Thread.Sleep(50);
                }

                Thread.Sleep(TimeSpan.FromSeconds(2));
                using Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                kill.WaitForExit();
            });

        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("FlashTrader run summary");
        SummaryJson s = SummaryJson.Load(run.File("s.json"));
        s.Long("events").Should().BePositive().And.BeLessThan(179_318);
        s.Long("errors").Should().Be(0);
    }
}
