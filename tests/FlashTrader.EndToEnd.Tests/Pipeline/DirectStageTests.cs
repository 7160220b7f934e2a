using FlashTrader.Pipeline;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashTrader.EndToEnd.Tests.Pipeline;

/// <summary>
/// The direct path through a stage (Pipeline:DirectPath): a batch handed to an idle stage by a direct call is handled on
/// the caller's thread as the stage's loop would handle it, and sent on the same way; a stage that is busy, or has
/// input queued, is not idle, so the direct path never runs beside its loop.
/// </summary>
public sealed class DirectStageTests
{
    [Fact]
    public async Task An_idle_chain_handles_a_batch_on_the_callers_thread_and_sends_its_outputs_on()
    {
        await using var chain = await TwoStages.StartAsync();
        IDirectReader<int> first = chain.First.DirectReader!;

        first.IsChainIdle.Should().BeTrue();
        first.HandleDirect(chain.Batch(1, 2, 3));

        chain.Out.Reader.TryRead(out Batch<int>? sent).Should().BeTrue("the last stage's output is written to its channel at once");
        sent!.Span.ToArray().Should().Equal(3, 5, 7); // doubled by the first stage, plus one by the second
        chain.Doubler.Threads.Should().Equal(Environment.CurrentManagedThreadId);
        chain.Doubler.Batches.Should().Be(1, "periodic work runs once per batch, as in the loop");
        first.IsChainIdle.Should().BeTrue();
    }

    [Fact]
    public async Task A_chain_with_a_stage_still_busy_is_not_idle_until_it_has_finished()
    {
        await using var chain = await TwoStages.StartAsync();
        IDirectReader<int> first = chain.First.DirectReader!;
        chain.PlusOne.Hold.Reset();

        // Through the channels: the second stage's loop takes the batch and stops inside it, on another thread (the
        // writer's: synchronous continuations).
        Batch<int> held = chain.MidBatch(10);
        Task<bool> write = Task.Run(() => chain.Mid.Writer.TryWrite(held));
        chain.PlusOne.Entered.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();

        first.IsChainIdle.Should().BeFalse("the second stage is in the middle of a batch");
        chain.Mid.Writer.TryWrite(chain.MidBatch(20)).Should().BeTrue();
        chain.Mid.Depth.Should().Be(1, "the next batch waits in the channel while the stage is busy");
        first.IsChainIdle.Should().BeFalse();
        chain.PlusOne.Hold.Set();
        (await write).Should().BeTrue();
        (await chain.UntilIdle(first)).Should().BeTrue();
        chain.Out.Reader.TryRead(out Batch<int>? a).Should().BeTrue();
        a!.Span.ToArray().Should().Equal(11);
        chain.Out.Reader.TryRead(out Batch<int>? b).Should().BeTrue();
        b!.Span.ToArray().Should().Equal(21);
    }

    [Fact]
    public async Task A_warmed_up_direct_pass_allocates_nothing()
    {
        await using var chain = await TwoStages.StartAsync();
        IDirectReader<int> first = chain.First.DirectReader!;
        for (int i = 0; i < 100; i++)
        {
            first.HandleDirect(chain.Batch(i));
            chain.Out.Reader.TryRead(out Batch<int>? sent).Should().BeTrue();
            sent!.Return();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            first.HandleDirect(chain.Batch(i));
            chain.Out.Reader.TryRead(out Batch<int>? sent);
            sent!.Return();
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    /// <summary>Two stages, in -> (x2) -> mid -> (+1) -> out, hosted as in a run (their loops on the thread pool).</summary>
    private sealed class TwoStages : IAsyncDisposable
    {
        private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);
        private readonly RunStatus _status;

        private TwoStages()
        {
            _status = new RunStatus(_lifetime);
            Doubler = new DoublerStage(First, Mid, _status);
            PlusOne = new PlusOneStage(Mid, Out, _status);
        }

        public BatchChannel<int> First { get; } = new(4, 8);

        public BatchChannel<int> Mid { get; } = new(4, 8);

        public BatchChannel<int> Out { get; } = new(4, 8);

        public DoublerStage Doubler { get; }

        public PlusOneStage PlusOne { get; }

        public static async Task<TwoStages> StartAsync()
        {
            var chain = new TwoStages();
            await chain.Doubler.StartAsync(CancellationToken.None);
            await chain.PlusOne.StartAsync(CancellationToken.None);
            (await chain.UntilReady()).Should().BeTrue("the stage loops start and park");
            return chain;
        }

        public Batch<int> Batch(params int[] items) => Fill(First.Pool.Rent(), items);

        /// <summary>A batch of one item (no array made: the allocation test counts every byte).</summary>
        public Batch<int> Batch(int item)
        {
            Batch<int> batch = First.Pool.Rent();
            batch.Add(item);
            return batch;
        }

        public Batch<int> MidBatch(params int[] items) => Fill(Mid.Pool.Rent(), items);

        private static Batch<int> Fill(Batch<int> batch, int[] items)
        {
            foreach (int i in items)
            {
                batch.Add(i);
            }

            return batch;
        }

        private async Task<bool> UntilReady()
        {
            for (int i = 0; i < 1_000; i++)
            {
                if (First.DirectReader is not null && Mid.DirectReader is not null && First.DirectReader.IsChainIdle)
                {
                    return true;
                }

                await Task.Delay(10);
            }

            return false;
        }

        public async Task<bool> UntilIdle(IDirectReader<int> reader)
        {
            for (int i = 0; i < 1_000; i++)
            {
                if (reader.IsChainIdle)
                {
                    return true;
                }

                await Task.Delay(10);
            }

            return false;
        }

        public async ValueTask DisposeAsync()
        {
            PlusOne.Hold.Set();
            First.Writer.TryComplete();
            await Doubler.StopAsync(CancellationToken.None);
            Mid.Writer.TryComplete();
            await PlusOne.StopAsync(CancellationToken.None);
            Doubler.Dispose();
            PlusOne.Dispose();
            _status.Dispose();
        }
    }

    private sealed class DoublerStage(BatchChannel<int> input, BatchChannel<int> output, RunStatus status)
        : PipelineStageService<int, int>(input, output, status, NullLogger.Instance)
    {
        public List<int> Threads { get; } = [];

        public int Batches { get; private set; }

        protected override string StageName => "Doubler";

        protected override bool HandlesOneToOne => true;

        protected override void HandleOne(in int item, out int output)
        {
            if (Threads.Count < 1)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
            }

            output = item * 2;
        }

        protected override void OnBatchHandled() => Batches++;
    }

    private sealed class PlusOneStage(BatchChannel<int> input, BatchChannel<int> output, RunStatus status)
        : PipelineStageService<int, int>(input, output, status, NullLogger.Instance)
    {
        public ManualResetEventSlim Hold { get; } = new(true);

        public ManualResetEventSlim Entered { get; } = new(false);

        protected override string StageName => "PlusOne";

        protected override void Handle(in int item, List<int> outputs)
        {
            Entered.Set();
            Hold.Wait();
            outputs.Add(item + 1);
        }
    }
}
