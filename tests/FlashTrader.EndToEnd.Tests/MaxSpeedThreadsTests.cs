namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// Pipeline:MaxSpeedThreads = 2 (and 0, the default, on a machine with two cores) splits an unpaced replay across two
/// threads at the signals hop. It is a speed setting only: what the bot trades must not depend on it, and paced runs
/// (latency) never split.
/// </summary>
public sealed class MaxSpeedThreadsTests
{
    private const string TwoThreads = "on 2 threads (market side | order side)";

    [Fact]
    public void A_max_speed_replay_on_two_threads_gives_the_fills_and_summary_of_one()
    {
        using var one = new RunDirectory();
        using var two = new RunDirectory();
        FlashTraderProcess.Result single = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--summary", one.File("s.json"), "--set", "Pipeline:MaxSpeedThreads=1", .. one.DataArgs]);
        FlashTraderProcess.Result split = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--summary", two.File("s.json"), "--set", "Pipeline:MaxSpeedThreads=2", .. two.DataArgs]);

        single.ExitCode.Should().Be(0, single.ToString());
        split.ExitCode.Should().Be(0, split.ToString());
        single.Stderr.Should().Contain("at max speed").And.NotContain(TwoThreads);
        split.Stderr.Should().Contain(TwoThreads);
        File.ReadAllBytes(two.File("fills.csv")).Should().Equal(File.ReadAllBytes(one.File("fills.csv")));
        SummaryJson s = SummaryJson.Load(two.File("s.json"));
        s.WithoutWallClock().Should().Be(SummaryJson.Load(one.File("s.json")).WithoutWallClock());
        s.ShouldHoldTheSamplePins();
    }

    [Fact]
    public void By_default_a_max_speed_replay_takes_a_second_thread_when_the_machine_has_two_cores()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", .. run.DataArgs]);

        r.ExitCode.Should().Be(0, r.ToString());
        if (Environment.ProcessorCount >= 2)
        {
            r.Stderr.Should().Contain(TwoThreads);
        }
        else
        {
            r.Stderr.Should().Contain("at max speed").And.NotContain(TwoThreads);
        }
    }

    [Fact]
    public void A_paced_replay_keeps_the_chain_on_one_thread_whatever_the_setting()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "20", "--duration", "2", "--set", "Pipeline:MaxSpeedThreads=2", .. run.DataArgs]);

        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("at 20x").And.NotContain(TwoThreads);
    }
}
