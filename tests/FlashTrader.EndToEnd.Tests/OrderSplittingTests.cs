using FlashTrader.Storage.State;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// Order splitting through the real binary on the bundled sample: entries of 1,000 USDC or more are worked as children
/// of at most 250 USDC each. Off (the default) the pinned figures stand; on, the journal holds each child's transitions
/// and fills under ids that name their parent, and the parents' own life cycles.
/// </summary>
public sealed class OrderSplittingTests
{
    [Fact]
    public void With_splitting_on_the_samples_entries_go_out_as_children_and_every_fill_is_a_childs()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--set", "OrderSplitting:Enabled=true", "--set", "OrderSplitting:MaxChildNotional=250",
                "--summary", run.File("s.json"), .. run.DataArgs]);

        r.ExitCode.Should().Be(0, r.ToString());
        SummaryJson summary = SummaryJson.Load(run.File("s.json"));
        summary.Long("decisions").Should().Be(207, "parents keep their pair busy while worked, so fewer entries are decided than the 320 unsplit");
        summary.Long("fills").Should().Be(631);
        summary.Money("endingEquity").Should().Be(10_002.156466795m);

        using var store = new PaperStateStore(Path.Combine(run.Path, "state", "paper.db"));
        string[][] orders = [.. store.ReadTable("orders").Skip(1)];
        long[] children = [.. orders.Select(o => long.Parse(o[1], System.Globalization.CultureInfo.InvariantCulture)).Where(id => id >= 1_000_000_000_000L).Distinct()];
        children.Should().HaveCount(538);
        children.Select(id => (id - 1_000_000_000_000L) / 1000).Distinct().Should().HaveCount(82, "82 entries were large enough to split");
        StoredFill[] entryFills = [.. store.ReadFills().Where(f => f.Purpose == "Entry")];
        entryFills.Count(f => f.OrderId >= 1_000_000_000_000L).Should().Be(534, "every fill of a split entry is a child's, journaled once");
        entryFills.Count(f => f.OrderId < 1_000_000_000_000L).Should().Be(1, "the one entry under 1,000 USDC (0.35774 ETH at 2682.8) went whole");
        orders.Where(o => long.Parse(o[1], System.Globalization.CultureInfo.InvariantCulture) < 1_000_000_000_000L && o[6] == "Entry")
            .GroupBy(o => o[5]).ToDictionary(g => g.Key, g => g.Count())
            .Should().Contain(new Dictionary<string, int> { ["NEW"] = 82, ["FILLED"] = 70, ["PARTIALLY_CANCELED"] = 12 });
    }
}
