using System.Globalization;
using System.Text.RegularExpressions;

namespace FlashTrader.EndToEnd.Tests.Pipeline;

/// <summary>
/// Pipeline:DirectPath carries an event that finds the whole chain idle through the five stages by direct calls instead
/// of the channels. It is a latency setting only: what the bot trades must not depend on it, with or without warm
/// passes (which still go through the channels between events).
/// </summary>
public sealed partial class DirectPathTests
{
    [Fact]
    public void A_paced_replay_on_the_direct_path_gives_the_fills_and_summary_of_one_through_the_channels()
    {
        using var off = new RunDirectory();
        using var on = new RunDirectory();
        using var warm = new RunDirectory();
        FlashTraderProcess.Result channels = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "50", "--summary", off.File("s.json"), "--set", "Pipeline:DirectPath=false", .. off.DataArgs]);
        FlashTraderProcess.Result direct = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "50", "--summary", on.File("s.json"), "--set", "Pipeline:DirectPath=true", .. on.DataArgs]);
        FlashTraderProcess.Result directWarm = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "50", "--summary", warm.File("s.json"), "--set", "Pipeline:DirectPath=true", "--set", "Pipeline:WarmIntervalMicros=20", .. warm.DataArgs]);

        channels.ExitCode.Should().Be(0, channels.ToString());
        direct.ExitCode.Should().Be(0, direct.ToString());
        directWarm.ExitCode.Should().Be(0, directWarm.ToString());
        channels.Stderr.Should().NotContain("Direct path");
        DirectBatches(direct).Should().BeGreaterThan(170_000, "at 50x nearly every one of the 179,318 events finds the chain idle");
        DirectBatches(directWarm).Should().BeGreaterThan(170_000);
        SummaryJson reference = SummaryJson.Load(off.File("s.json"));
        foreach (RunDirectory run in new[] { on, warm })
        {
            File.ReadAllBytes(run.File("fills.csv")).Should().Equal(File.ReadAllBytes(off.File("fills.csv")));
            SummaryJson s = SummaryJson.Load(run.File("s.json"));
            s.WithoutWallClock().Should().Be(reference.WithoutWallClock());
            s.ShouldHoldTheSamplePins();
        }
    }

    [Fact]
    public void An_unpaced_replay_keeps_the_channels()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--set", "Pipeline:DirectPath=true", .. run.DataArgs]);

        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("at max speed").And.NotContain("Direct path");
    }

    private static long DirectBatches(FlashTraderProcess.Result r)
    {
        Match m = DirectLine().Match(r.Stderr);
        m.Success.Should().BeTrue(r.ToString());
        return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Direct path: (\d+) batches by direct calls")]
    private static partial Regex DirectLine();
}
