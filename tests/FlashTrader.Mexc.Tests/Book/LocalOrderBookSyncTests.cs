using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Book;
using FlashTrader.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashTrader.Mexc.Tests.Book;

/// <summary>MEXC's book procedure: buffer diffs, snapshot, version rules, resync on gaps, and a bounded number of attempts.</summary>
public sealed class LocalOrderBookSyncTests : IDisposable
{
    private readonly ScriptedSnapshotSource _source = new();
    private readonly ManualTimeProvider _time = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly LocalOrderBookSync _sync;
    private readonly Task _running;
    private int _delivered;

    public LocalOrderBookSyncTests()
    {
        var options = new MexcBookOptions { MaxResyncAttempts = 3, ResyncInitialDelayMs = 100, ResyncMaxDelayMs = 1000 };
        _sync = new LocalOrderBookSync("BTCUSDC", 0, _source, options, _time, new DepthLevelsPool(), NullLogger.Instance, new Random(3));
        _running = _sync.RunAsync(
            (snapshot, _) =>
            {
                _sync.ApplySnapshot(snapshot);
                Interlocked.Increment(ref _delivered);
                return ValueTask.CompletedTask;
            },
            _stop.Token);
    }

    [Fact]
    public async Task Fetches_the_snapshot_once_diffs_are_buffered_then_drops_the_covered_diffs_and_applies_the_rest()
    {
        await Task.Delay(50);
        _source.Requests.Should().BeEmpty("MEXC step 1 comes first: buffer diffs before asking for the snapshot");

        _sync.OnDiff(Diff(101, 105, bids: [(99m, 1m)], asks: [])).Should().Be(DepthDiffOutcome.Buffered);
        _sync.OnDiff(Diff(106, 110, bids: [], asks: [(101m, 3m)])).Should().Be(DepthDiffOutcome.Buffered);
        await _source.WaitForRequestAsync(1);
        _source.Requests.Should().Equal(("BTCUSDC", 5000));
        await CompleteAsync(Snapshot(103, bids: [(100m, 2m), (99m, 5m)], asks: [(101m, 1m), (102m, 4m)]));

        _sync.State.Should().Be(BookSyncState.Synced);
        _sync.IsSynced.Should().BeTrue();
        _sync.Book.LastUpdateId.Should().Be(110);
        _sync.Book.BestBid.Should().Be(Level(100m, 2m));
        _sync.Book.Bid(1).Should().Be(Level(99m, 1m), "the diff 101-105 straddles the snapshot's 103 and applies");
        _sync.Book.BestAsk.Should().Be(Level(101m, 3m));
        _sync.Gaps.Should().Be(0);
        _sync.Resyncs.Should().Be(0);
        _sync.SnapshotRequests.Should().Be(1);

        _sync.OnDiff(Diff(111, 111, bids: [(100m, 0m)], asks: [])).Should().Be(DepthDiffOutcome.Applied);
        _sync.OnDiff(Diff(105, 111, bids: [], asks: [])).Should().Be(DepthDiffOutcome.Stale);
        _sync.Book.BestBid.Should().Be(Level(99m, 1m));
        await Task.Delay(50);
        _source.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_gap_in_the_version_chain_is_counted_and_resynchronized_from_a_new_snapshot()
    {
        await SyncAtAsync(110);

        _sync.OnDiff(Diff(113, 115, bids: [(98m, 7m)], asks: [])).Should().Be(DepthDiffOutcome.Gap);

        _sync.Gaps.Should().Be(1);
        _sync.State.Should().Be(BookSyncState.Gap);
        _sync.IsSynced.Should().BeFalse();
        await _source.WaitForRequestAsync(2);
        _sync.OnDiff(Diff(116, 117, bids: [], asks: [(103m, 1m)])).Should().Be(DepthDiffOutcome.IgnoredWhileGapped);
        await CompleteAsync(Snapshot(114, bids: [(100m, 1m), (98m, 6m)], asks: [(101m, 1m)]));

        _sync.IsSynced.Should().BeTrue();
        _sync.Book.LastUpdateId.Should().Be(117);
        _sync.Book.Bid(1).Should().Be(Level(98m, 7m), "the diff that revealed the gap is replayed onto the newer snapshot");
        _sync.Book.Ask(1).Should().Be(Level(103m, 1m));
        _sync.Resyncs.Should().Be(1);
        _sync.SnapshotRequests.Should().Be(2);
    }

    [Fact]
    public async Task Snapshots_that_keep_being_older_than_the_buffered_diffs_end_in_an_error_after_the_bounded_attempts_not_an_endless_loop()
    {
        _sync.OnDiff(Diff(200, 205, bids: [(99m, 1m)], asks: []));

        for (int attempt = 1; attempt <= 3; attempt++)
        {
            await _source.WaitForRequestAsync(attempt);
            await CompleteAsync(Snapshot(150, bids: [(100m, 1m)], asks: [(101m, 1m)]));
            _sync.IsSynced.Should().BeFalse();
            if (attempt < 3)
            {
                // Backoff before the next attempt: 100 ms, then 200 ms (each ±50 %), on the manual clock.
                _time.Advance(TimeSpan.FromMilliseconds(49));
                await Task.Delay(50);
                _source.HasPending.Should().BeFalse("no attempt before the backoff");
                _time.Advance(TimeSpan.FromMilliseconds(251));
                await LoopbackMexcServer.WaitUntilAsync(() => _source.HasPending, $"attempt {attempt + 1}");
            }
        }

        Func<Task> run = () => _running;
        (await run.Should().ThrowAsync<BookSyncFailedException>()).Which.Message.Should().Be(
            "BTCUSDC: the order book could not be synchronized after 3 consecutive snapshot attempts (last: snapshot 150 does not reach the buffered diffs); see Mexc:Book:MaxResyncAttempts");
        _sync.HasFailed.Should().BeTrue();
        _sync.SnapshotRequests.Should().Be(3);
        _sync.StaleSnapshots.Should().Be(3);
        _time.Advance(TimeSpan.FromMinutes(10));
        _source.Requests.Should().HaveCount(3, "a failed sync stops asking");
    }

    [Fact]
    public async Task A_failed_snapshot_request_is_counted_and_retried_after_the_backoff()
    {
        _sync.OnDiff(Diff(101, 105, bids: [(99m, 1m)], asks: []));
        await _source.WaitForRequestAsync(1);
        _source.Fail(new HttpRequestException("503 Service Unavailable"));
        await LoopbackMexcServer.WaitUntilAsync(() => _sync.FailedFetches == 1, "the failure to be counted");

        _sync.FailedFetches.Should().Be(1);
        _time.Advance(TimeSpan.FromMilliseconds(150));
        await _source.WaitForRequestAsync(2);
        await CompleteAsync(Snapshot(104, bids: [(100m, 1m)], asks: [(101m, 1m)]));

        _sync.IsSynced.Should().BeTrue();
        _sync.Book.LastUpdateId.Should().Be(105);
        _sync.SnapshotRequests.Should().Be(2);
        _sync.Resyncs.Should().Be(0, "the book had never been synced: this is still the first sync");
    }

    [Fact]
    public async Task A_diff_that_crosses_the_book_is_counted_and_triggers_a_fresh_snapshot()
    {
        await SyncAtAsync(110);

        _sync.OnDiff(Diff(111, 111, bids: [(101.5m, 1m)], asks: [])).Should().Be(DepthDiffOutcome.Applied);

        _sync.CrossedBooks.Should().Be(1);
        _sync.IsSynced.Should().BeFalse("a crossed book is never tradeable");
        await _source.WaitForRequestAsync(2);
        await CompleteAsync(Snapshot(112, bids: [(100m, 2m)], asks: [(101m, 1m)]));
        _sync.IsSynced.Should().BeTrue();
        _sync.Book.BestBid.Should().Be(Level(100m, 2m));
        _sync.Resyncs.Should().Be(1);
    }

    [Fact]
    public async Task Reports_how_old_the_last_update_is_on_its_clock()
    {
        _sync.LastUpdateAge.Should().Be(TimeSpan.MaxValue);
        await SyncAtAsync(110);
        _time.Advance(TimeSpan.FromMilliseconds(1500));

        _sync.OnDiff(Diff(111, 111, bids: [(99m, 2m)], asks: [], localNs: NowNs()));
        _time.Advance(TimeSpan.FromMilliseconds(250));

        _sync.LastUpdateAge.Should().Be(TimeSpan.FromMilliseconds(250));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _running.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        _sync.Dispose();
        _stop.Dispose();
    }

    private async Task SyncAtAsync(long version)
    {
        _sync.OnDiff(Diff(version - 4, version, bids: [], asks: []));
        await _source.WaitForRequestAsync(1);
        await CompleteAsync(Snapshot(version - 5, bids: [(100m, 2m), (99m, 5m)], asks: [(101m, 1m), (102m, 4m)]));
        _sync.IsSynced.Should().BeTrue();
        _sync.Book.LastUpdateId.Should().Be(version);
    }

    /// <summary>Answers the pending request and waits until the sync has applied the snapshot (it may resume on another thread).</summary>
    private async Task CompleteAsync(MarketEvent snapshot)
    {
        int delivered = Volatile.Read(ref _delivered);
        _source.Complete(snapshot);
        await LoopbackMexcServer.WaitUntilAsync(() => Volatile.Read(ref _delivered) > delivered, "the snapshot to be applied");
    }

    private long NowNs() => (_time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    private static PriceLevel Level(decimal price, decimal quantity) => new(Fixed8.FromDecimal(price), Fixed8.FromDecimal(quantity));

    private static MarketEvent Diff(long from, long to, (decimal, decimal)[] bids, (decimal, decimal)[] asks, long localNs = 1) =>
        MarketEvent.DepthDiff(0, to, localNs, from, to, Levels(bids, asks));

    private MarketEvent Snapshot(long version, (decimal, decimal)[] bids, (decimal, decimal)[] asks) =>
        MarketEvent.DepthSnapshot(0, version, NowNs(), version, Levels(bids, asks));

    private static DepthLevels Levels((decimal Price, decimal Qty)[] bids, (decimal Price, decimal Qty)[] asks)
    {
        var levels = new DepthLevels();
        foreach ((decimal p, decimal q) in bids)
        {
            levels.AddBid(Level(p, q));
        }

        foreach ((decimal p, decimal q) in asks)
        {
            levels.AddAsk(Level(p, q));
        }

        return levels;
    }
}
