using FlashTrader.Cli;
using FlashTrader.Optimisation;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>The --grid file and the trials a search (or one shard of it) runs.</summary>
public sealed class TrialPlanTests
{
    private static ParameterSpace Space(string json) => ParameterSpace.Parse(json, "grid.json");

    [Fact]
    public void A_stepped_range_expands_exactly_in_decimal()
    {
        ParameterSpace space = Space("""{ "SignalGeneration:ImbalanceThreshold": { "min": 0.1, "max": 0.3, "step": 0.1 }, "Execution:OrderType": ["LIMIT", "MARKET"] }""");

        space.Axes[0].Values.Should().Equal("0.1", "0.2", "0.3");
        space.Axes[1].Values.Should().Equal("LIMIT", "MARKET");
        space.GridSize.Should().Be(6);
    }

    [Fact]
    public void Grid_trials_are_numbered_with_the_last_key_varying_fastest()
    {
        var plan = new TrialPlan(Space("""{ "A:X": [1, 2], "A:Y": ["p", "q", "r"] }"""), null, 1);

        Enumerable.Range(0, 6).Select(i => string.Join('/', plan[i].Values)).Should().Equal("1/p", "1/q", "1/r", "2/p", "2/q", "2/r");
        plan[4].Settings(plan.Space).Should().Equal("A:X=2", "A:Y=q");
    }

    [Fact]
    public void Shards_partition_the_trials()
    {
        ParameterSpace space = Space("""{ "A:X": { "min": 1, "max": 7, "step": 1 } }""");
        var all = new TrialPlan(space, null, 1);
        var shards = Enumerable.Range(0, 3).Select(i => new TrialPlan(space, null, 1, i, 3)).ToList();

        shards.Select(s => s.Count).Should().Equal(3, 2, 2);
        shards.SelectMany(s => Enumerable.Range(0, (int)s.Count).Select(k => s[k].Index)).Order().Should().Equal(Enumerable.Range(0, 7).Select(i => (long)i));
        shards[1][1].Should().BeEquivalentTo(all[4]);
    }

    [Fact]
    public void Random_trials_depend_on_the_seed_and_the_trial_number_only()
    {
        ParameterSpace space = Space("""{ "A:X": { "min": 0.1, "max": 0.4 }, "A:Y": [10, 20, 30] }""");
        var whole = new TrialPlan(space, 10, 9);
        var shard = new TrialPlan(space, 10, 9, 1, 2);
        var other = new TrialPlan(space, 10, 10);

        shard[2].Values.Should().Equal(whole[5].Values);
        Enumerable.Range(0, 10).Select(i => double.Parse(whole[i].Values[0], System.Globalization.CultureInfo.InvariantCulture)).Should().OnlyContain(v => v >= 0.1 && v <= 0.4);
        Enumerable.Range(0, 10).Select(i => whole[i].Values[0]).Should().NotEqual(Enumerable.Range(0, 10).Select(i => other[i].Values[0]));
    }

    [Theory]
    [InlineData("""[1, 2]""", "the grid must be a JSON object")]
    [InlineData("""{ "A:X": [] }""", "\"A:X\": the list is empty")]
    [InlineData("""{ "A:X": [1, 1] }""", "\"A:X\": value 1 is listed twice")]
    [InlineData("""{ "A:X": { "min": 3, "max": 1, "step": 1 } }""", "\"A:X\": max (1) is below min (3)")]
    [InlineData("""{ "A:X": { "min": 1, "max": 3, "stride": 1 } }""", "\"A:X\": unknown field \"stride\"")]
    [InlineData("""{ "A:X": { "min": 1, "max": 3, "step": 0 } }""", "\"A:X\": step must be greater than 0")]
    [InlineData("""{ "A:X": 5 }""", "\"A:X\": expected a list of values")]
    [InlineData("""{ }""", "the grid names no parameter")]
    public void A_bad_grid_is_an_error_naming_the_key(string json, string message) =>
        FluentActions.Invoking(() => Space(json)).Should().Throw<UsageException>().WithMessage("grid.json*" + message + "*");
}
