using FlashTrader.Backtesting;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;

namespace FlashTrader.EndToEnd.Tests.Performance;

/// <summary>
/// The backtest engine in process, on the sample followed by its continuation (the same market twice more): once a run
/// is past the sample, it allocates nothing per event; and a run reuses the order-book ladders of the run before it
/// (about 2 MB a run, nearly all of the 21 B per event a run used to allocate). Counted with the thread's allocated
/// bytes, never timed. Not run in parallel with other tests: they would take the ladders this one expects to reuse.
/// </summary>
[Collection(nameof(BacktestAllocationTests))]
[CollectionDefinition(nameof(BacktestAllocationTests), DisableParallelization = true)]
public sealed class BacktestAllocationTests
{
    private const int SampleEvents = 179_318;

    private static readonly Lazy<(FlashTraderOptions Options, MarketTape Tape)> Triple = new(() =>
    {
        using var run = new RunDirectory();
        string recording = run.File("sample-x3.ftrec");
        LongReplay.Write(recording, passes: 3);
        FlashTraderOptions options = BacktestSetup.Create(null, ["PaperTrading:PersistState=false"], [], null).Bind([]);
        return (options, MarketTape.Load(recording, new InstrumentSet(options.TradingPairs)));
    });

    [Fact]
    public void Past_the_sample_a_trial_allocates_nothing_per_event()
    {
        (FlashTraderOptions options, MarketTape tape) = Triple.Value;
        tape.Count.Should().Be(SampleEvents + (2 * 179_316));
        var sampleOnly = new BacktestWindow(0, SampleEvents, []);
        Allocated(options, tape, BacktestWindow.Whole(tape), out _); // warm: JIT, ladders in the pool

        long sample = Allocated(options, tape, sampleOnly, out BacktestResult first);
        long all = Allocated(options, tape, BacktestWindow.Whole(tape), out BacktestResult whole);

        first.Metrics.Fills.Should().Be(293, "the sample alone trades as the pinned replay does");
        whole.Metrics.Fills.Should().BeGreaterThan(first.Metrics.Fills, "the continuation trades too, so orders and fills are measured");
        double perEvent = (all - sample) / (double)(tape.Count - SampleEvents);
        perEvent.Should().BeLessThan(0.05, $"the continuation's {tape.Count - SampleEvents} events allocated {all - sample} bytes");
    }

    [Fact]
    public void A_run_takes_the_ladders_the_run_before_released()
    {
        (FlashTraderOptions options, MarketTape tape) = Triple.Value;
        var sampleOnly = new BacktestWindow(0, SampleEvents, []);
        Allocated(options, tape, sampleOnly, out _);

        long bytes = Allocated(options, tape, sampleOnly, out BacktestResult result);

        result.Metrics.Trades.Should().Be(140);
        // Four ladder sides of 65,536 ticks are 2.1 MB on their own; what a run still allocates is its pipeline and
        // the buffers it grows to the sample's size (the trade tape's window, far levels), once per run.
        bytes.Should().BeLessThan(1_600_000, "the four ladders come from the previous run");
        result.Pipeline.MarketState.Markets.Should().OnlyContain(m => m.Book.BidCount == 0 && m.Book.AskCount == 0, "a finished run releases its books");
    }

    private static long Allocated(FlashTraderOptions options, MarketTape tape, BacktestWindow window, out BacktestResult result)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        result = new BacktestSimulation(options, keepDetail: false).Run(tape, window);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
