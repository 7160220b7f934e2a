using System.Diagnostics;
using System.Globalization;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>The kill switch through the real binary: `flashtrader kill` (control directory) and SIGUSR1, with no dashboard.</summary>
public sealed class KillSwitchTests
{
    private static void WaitFor(Func<string> stderr, string text)
    {
        var waited = Stopwatch.StartNew();
        while (!stderr().Contains(text, StringComparison.Ordinal))
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"'{text}' never appeared:\n{stderr()}");
            }

            Thread.Sleep(50);
        }
    }

    private static void Signal(string signal, Process process)
    {
        using Process kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    [Fact]
    public void Flashtrader_kill_halts_cancels_and_flattens_the_running_instance_which_then_runs_on_halted()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result? kill = null;
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "5", "--duration", "45", "--summary", run.File("s.json"), .. run.DataArgs],
            whileRunning: (process, stderr) =>
            {
                WaitFor(stderr, "Replaying");
                Thread.Sleep(1_000);
                kill = FlashTraderProcess.Run(["kill", "--set", $"System:DataDirectory={run.Path}"]);
                WaitFor(stderr, "Risk: new entries halted: kill switch by flashtrader kill");
            });

        kill!.ExitCode.Should().Be(0, kill.ToString());
        kill.Stdout.Should().Contain($"kill: taken by FlashTrader (pid ");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("Control: KillSwitch requested by flashtrader kill").And.Contain("Duration of 45 s reached", "it ran on, halted, to the end");
        SummaryJson summary = SummaryJson.Load(run.File("s.json"));
        summary.Root.GetProperty("halted").GetString().Should().Be("kill switch by flashtrader kill");
        summary.Balances["BTC"].Should().Be(0m, "the kill switch flattened");
        summary.Balances["ETH"].Should().Be(0m);
        File.Exists(Path.Combine(run.Path, "control", "flashtrader.pid")).Should().BeFalse("the instance releases the control directory on exit");
    }

    [Fact]
    public void SIGUSR1_is_the_kill_switch_and_does_not_end_the_process()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "5", "--duration", "45", "--summary", run.File("s.json"), .. run.DataArgs],
            whileRunning: (process, stderr) =>
            {
                WaitFor(stderr, "Replaying");
                Thread.Sleep(1_000);
                Signal("-USR1", process);
                WaitFor(stderr, "Risk: new entries halted: kill switch by SIGUSR1");
                Thread.Sleep(500);
                process.HasExited.Should().BeFalse("SIGUSR1's default action (terminate) is cancelled");
            });

        r.ExitCode.Should().Be(0, r.ToString());
        SummaryJson.Load(run.File("s.json")).Root.GetProperty("halted").GetString().Should().Be("kill switch by SIGUSR1");
    }

    [Fact]
    public void Flashtrader_kill_without_a_running_instance_fails_naming_the_data_directory()
    {
        using var run = new RunDirectory();

        FlashTraderProcess.Result kill = FlashTraderProcess.Run(["kill", "--set", $"System:DataDirectory={run.Path}"]);

        kill.ExitCode.Should().Be(1);
        kill.Stderr.Should().Contain($"no running FlashTrader instance on data directory {run.Path}");
    }
}
