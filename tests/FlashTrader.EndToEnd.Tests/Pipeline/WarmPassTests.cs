using System.Text.RegularExpressions;

namespace FlashTrader.EndToEnd.Tests.Pipeline;

/// <summary>
/// Pipeline:WarmIntervalMicros sends empty batches through every hop while a paced replay waits for its next event, to
/// keep the chain in the CPU's caches. It is a latency setting only: what the bot trades must not depend on it.
/// </summary>
public sealed partial class WarmPassTests
{
    [Fact]
    public void A_paced_replay_with_warm_passes_gives_the_fills_and_summary_of_one_without()
    {
        using var off = new RunDirectory();
        using var on = new RunDirectory();
        FlashTraderProcess.Result cold = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "50", "--summary", off.File("s.json"), "--set", "Pipeline:WarmIntervalMicros=0", .. off.DataArgs]);
        FlashTraderProcess.Result warm = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "50", "--summary", on.File("s.json"), "--set", "Pipeline:WarmIntervalMicros=20", .. on.DataArgs]);

        cold.ExitCode.Should().Be(0, cold.ToString());
        warm.ExitCode.Should().Be(0, warm.ToString());
        cold.Stderr.Should().NotContain("Warm passes");
        Match passes = PassesLine().Match(warm.Stderr);
        passes.Success.Should().BeTrue(warm.ToString());
        long.Parse(passes.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(1_000, "the sample has thousands of gaps over 50 µs at 50x");
        File.ReadAllBytes(on.File("fills.csv")).Should().Equal(File.ReadAllBytes(off.File("fills.csv")));
        SummaryJson s = SummaryJson.Load(on.File("s.json"));
        s.WithoutWallClock().Should().Be(SummaryJson.Load(off.File("s.json")).WithoutWallClock());
        s.ShouldHoldTheSamplePins();
    }

    [Fact]
    public void An_unpaced_replay_runs_no_warm_pass()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--set", "Pipeline:WarmIntervalMicros=20", .. run.DataArgs]);

        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("at max speed").And.NotContain("Warm passes");
    }

    [GeneratedRegex(@"Warm passes: (\d+),")]
    private static partial Regex PassesLine();
}
