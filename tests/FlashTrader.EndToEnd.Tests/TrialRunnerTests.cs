using FlashTrader.Backtesting;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Optimisation;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// The optimiser in process: trials keep no curve, the outcomes held at once are bounded by the workers whatever the
/// number of trials (counted, not timed), and the results do not depend on how many threads run them.
/// </summary>
public sealed class TrialRunnerTests
{
    private static readonly Lazy<(BacktestSetup Setup, MarketTape Tape)> Sample = new(() =>
    {
        BacktestSetup setup = BacktestSetup.Create(null, [], [], null);
        FlashTraderOptions options = setup.Bind([]);
        return (setup, MarketTape.Load(FlashTraderProcess.Sample, new InstrumentSet(options.TradingPairs)));
    });

    private static ParameterSpace Space => ParameterSpace.Parse("""{ "SignalGeneration:ImbalanceThreshold": { "min": 0.1, "max": 0.4 } }""", "test");

    private static BacktestWindow FirstEvents(int count) => new(0, count, []);

    private static List<string> RunTrials(int trials, int workers, out TrialRunner runner)
    {
        (BacktestSetup setup, MarketTape tape) = Sample.Value;
        var plan = new TrialPlan(Space, trials, seed: 3);
        runner = new TrialRunner(setup, Space, tape, "pnl", workers);
        var rows = new List<string>();
        runner.Run(plan.Count, k => plan[k], FirstEvents(15_000), o => rows.Add(ResultsCsv.Row(o)));
        return rows;
    }

    [Fact]
    public void A_trial_keeps_metrics_only()
    {
        (BacktestSetup setup, MarketTape tape) = Sample.Value;
        BacktestResult result = new BacktestSimulation(setup.Bind([]), keepDetail: false).Run(tape, FirstEvents(15_000));

        result.Events.Should().Be(15_000);
        result.Metrics.Fills.Should().BePositive();
        result.Equity.Should().BeEmpty();
        result.Fills.Should().BeEmpty();
        result.Trips.Should().BeEmpty();
        result.Prices.Should().BeEmpty();
    }

    [Fact]
    public void Outcomes_held_at_once_stay_bounded_however_many_trials_run()
    {
        List<string> few = RunTrials(6, 2, out TrialRunner small);
        List<string> many = RunTrials(48, 2, out TrialRunner large);

        few.Should().HaveCount(6);
        many.Should().HaveCount(48);
        many.Select(r => long.Parse(r.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        small.PeakPending.Should().BeLessThanOrEqualTo(small.MaxPending);
        large.PeakPending.Should().BeLessThanOrEqualTo(large.MaxPending);
        large.MaxPending.Should().Be(8);
        // The same trials, as a prefix: trial i's parameters depend on the seed and i only.
        many.Take(6).Should().Equal(few);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_threads()
    {
        List<string> one = RunTrials(8, 1, out _);
        List<string> four = RunTrials(8, 4, out _);

        four.Should().Equal(one);
    }
}
