using System.Diagnostics;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// What `latencyMicros` measures: from the receipt timestamp of the market event that caused an order (stamped by the
/// source when the event is handed to the pipeline, after any replay pacing) to the moment the risk gate approves that
/// order and issues the command. The clock here is a hand-set one, so the figures are exact and nothing is timed.
/// </summary>
public sealed class EventToOrderLatencyTests
{
    private static readonly long TicksPerMicro = Stopwatch.Frequency / 1_000_000;

    private static (TradingPipeline Pipeline, HandSetClock Clock) Pipeline(double entryScore = 0.5)
    {
        FlashTraderOptions options = ImbalanceBtc.Options();
        options.Execution.EntryScore = entryScore;
        var clock = new HandSetClock();
        return (new TradingPipeline(options, clock), clock);
    }

    [Fact]
    public void An_order_is_measured_from_the_receipt_of_the_event_that_caused_it_to_its_approval()
    {
        (TradingPipeline pipeline, HandSetClock clock) = Pipeline();
        long firstReceived = 1_000 * TicksPerMicro;
        long triggerReceived = 9_000 * TicksPerMicro;

        // Balanced book: no signal, no order, and the clock is not even read.
        pipeline.Process(Events.Snapshot(100, bids: "1@60000", asks: "0.5@60000.01, 0.5@60000.02"), firstReceived);
        clock.Reads.Should().Be(0);

        // Bids 7 against asks 1: this event causes the entry; the gate approves it 37 µs after the event's receipt.
        clock.Now = triggerReceived + (37 * TicksPerMicro);
        pipeline.Process(Events.Diff(101, 101, bids: "7@60000", atMs: 10), triggerReceived);

        pipeline.Risk.Risk.Approved.Should().Be(1);
        pipeline.Risk.Latency.Count.Should().Be(1);
        pipeline.Risk.Latency.MaxMicros.Should().Be(37, "measured from the triggering event's receipt, not the first event's (8,037 µs)");
        clock.Reads.Should().Be(1, "the clock is read once, when the command is issued");
    }

    [Fact]
    public void Decisions_that_issue_no_command_record_no_latency()
    {
        // An entry score above any signal's strength: the imbalance signal fires, nothing is decided.
        (TradingPipeline pipeline, HandSetClock clock) = Pipeline(entryScore: 0.9);
        clock.Now = 50 * TicksPerMicro;

        pipeline.Process(Events.Snapshot(100, bids: "7@60000", asks: "0.5@60000.01, 0.5@60000.02"), 10 * TicksPerMicro);

        pipeline.Signals.Last.Count.Should().Be(1);
        pipeline.Risk.Latency.Count.Should().Be(0);
        clock.Reads.Should().Be(0);
    }

    private sealed class HandSetClock : TimeSource
    {
        public long Now { get; set; }

        public int Reads { get; private set; }

        public override long Timestamp()
        {
            Reads++;
            return Now;
        }
    }
}
