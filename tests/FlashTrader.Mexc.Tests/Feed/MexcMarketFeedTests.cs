using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Feed;
using FlashTrader.Mexc.Tests.Book;
using FlashTrader.Mexc.Tests.TestData;
using FlashTrader.Mexc.WebSocket;
using FlashTrader.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Mexc.Tests.Feed;

/// <summary>Frames to events: decoding, malformed frames, the book sync path, raw-frame recording, and no allocation per frame.</summary>
public sealed class MexcMarketFeedTests : IDisposable
{
    private const string BtcDeals = "spot@public.aggre.deals.v3.api.pb@10ms@BTCUSDC";
    private const string EthDepth = "spot@public.aggre.depth.v3.api.pb@10ms@ETHUSDC";
    private readonly ScriptedSnapshotSource _snapshots = new();
    private readonly ManualTimeProvider _time = new();
    private readonly CollectingLogger _log = new();
    private readonly List<Exception> _faults = [];
    private readonly CancellationTokenSource _stop = new();

    [Fact]
    public async Task A_malformed_frame_is_counted_and_skipped_and_the_next_frame_still_decodes()
    {
        var writer = new CollectingEventWriter();
        using MexcMarketFeed feed = Feed(writer);
        byte[] trade = PushFrames.Trade(BtcDeals, "BTCUSDC", 7);

        await feed.OnFrameAsync(trade.AsMemory(0, trade.Length - 3), 5, CancellationToken.None);
        await feed.OnFrameAsync(trade, 6, CancellationToken.None);

        feed.MalformedFrames.Should().Be(1);
        feed.Frames.Should().Be(2);
        MarketEvent ev = writer.Events.Should().ContainSingle().Subject;
        ev.Kind.Should().Be(MarketEventKind.Trade);
        ev.SymbolId.Should().Be(0);
        ev.Price.Should().Be(Fixed8.FromDecimal(60_007m));
        ev.LocalTimeNs.Should().Be(6);
        _log.Messages.Should().ContainSingle(m => m.Level == LogLevel.Warning).Which.Message.Should()
            .StartWith($"Malformed MEXC frame skipped ({trade.Length - 3} bytes): ");
    }

    [Fact]
    public async Task Malformed_frames_are_logged_at_most_once_per_10_seconds_with_the_count_since_the_last_report()
    {
        using MexcMarketFeed feed = Feed(new CollectingEventWriter());
        byte[] bad = [0x0A, 0x7F, 0x01];

        for (int i = 0; i < 3; i++)
        {
            await feed.OnFrameAsync(bad, 1, CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        await feed.OnFrameAsync(bad, 2, CancellationToken.None);

        feed.MalformedFrames.Should().Be(4);
        string[] warnings = [.. _log.Messages.Where(m => m.Level == LogLevel.Warning).Select(m => m.Message)];
        warnings.Should().HaveCount(2);
        warnings[0].Should().EndWith("; 1 malformed since the last report, 1 in all");
        warnings[1].Should().EndWith("; 3 malformed since the last report, 4 in all");
    }

    [Fact]
    public async Task Depth_diffs_feed_the_book_sync_and_the_fetched_snapshot_follows_the_same_ordered_path()
    {
        var writer = new CollectingEventWriter();
        using MexcMarketFeed feed = Feed(writer);
        Task syncing = feed.RunBookSyncAsync(_stop.Token);

        await feed.OnFrameAsync(PushFrames.DepthDiff(EthDepth, "ETHUSDC", 11, 12, 1_790_000_000_000, [(2500m, 1m)], [(2501m, 2m)]), 1, CancellationToken.None);
        await _snapshots.WaitForRequestAsync(1);
        _snapshots.Requests.Should().Equal(("ETHUSDC", 5000));
        var levels = new DepthLevels();
        levels.AddBid(new PriceLevel(Fixed8.FromDecimal(2499m), Fixed8.FromDecimal(3m)));
        levels.AddAsk(new PriceLevel(Fixed8.FromDecimal(2502m), Fixed8.FromDecimal(4m)));
        _snapshots.Complete(MarketEvent.DepthSnapshot(1, 1_790_000_000_000_000_000, 2, 10, levels));
        await LoopbackMexcServer.WaitUntilAsync(() => writer.Events.Count == 2, "the snapshot event");

        writer.Events.Select(e => (e.Kind, e.SymbolId, e.LastUpdateId)).Should().Equal(
            (MarketEventKind.DepthDiff, 1, 12L), (MarketEventKind.DepthSnapshot, 1, 10L));
        feed.Books[1].IsSynced.Should().BeTrue();
        feed.Books[1].Book.LastUpdateId.Should().Be(12);
        feed.Books[1].Book.BestBid.Price.Should().Be(Fixed8.FromDecimal(2500m));
        feed.Books[0].State.Should().Be(BookSyncState.AwaitingSnapshot);
        await _stop.CancelAsync();
        await syncing;
        _faults.Should().BeEmpty();
    }

    [Fact]
    public async Task With_a_raw_frame_tag_each_frame_is_written_verbatim_with_its_symbol_and_times()
    {
        var writer = new CollectingEventWriter();
        using MexcMarketFeed feed = Feed(writer, rawFrameTag: 1);
        Task syncing = feed.RunBookSyncAsync(_stop.Token);
        byte[] diff = PushFrames.DepthDiff(EthDepth, "ETHUSDC", 11, 12, 1_790_000_000_123, [(2500m, 1m)], []);
        byte[] garbage = [0xFF, 0xFF];

        await feed.OnFrameAsync(diff, 77, CancellationToken.None);
        await feed.OnFrameAsync(garbage, 78, CancellationToken.None);

        writer.Events.Select(e => (e.Kind, e.SymbolId, e.ExchangeTimeNs, e.LocalTimeNs, e.FrameTag)).Should().Equal(
            (MarketEventKind.RawFrame, 1, 1_790_000_000_123_000_000L, 77L, 1L),
            (MarketEventKind.RawFrame, 0, 78L, 78L, 1L));
        writer.Payloads[0].Should().Equal(diff);
        writer.Payloads[1].Should().Equal(garbage);
        feed.Books[1].State.Should().Be(BookSyncState.AwaitingSnapshot, "the diff was buffered by the book sync all the same");
        await _snapshots.WaitForRequestAsync(1);
        _snapshots.Requests.Should().Equal(("ETHUSDC", 5000));
        await _stop.CancelAsync();
        await syncing;
    }

    [Fact]
    public void A_refused_channel_faults_the_feed_with_the_error_naming_it()
    {
        using MexcMarketFeed feed = Feed(new CollectingEventWriter());
        var refusal = new MexcSubscriptionRefusedException("spot@public.deals.v3.api.pb@BTCUSDC", "Not Subscribed successfully! [spot@public.deals.v3.api.pb@BTCUSDC].  Reason： Blocked! ");

        feed.OnSubscriptionRefused(refusal);

        _faults.Should().Equal(refusal);
    }

    [Fact]
    public async Task Decoding_a_frame_into_the_synced_book_and_the_writer_allocates_nothing_once_warm()
    {
        var writer = new CollectingEventWriter(keep: false);
        using MexcMarketFeed feed = Feed(writer);
        Task syncing = feed.RunBookSyncAsync(_stop.Token);
        await feed.OnFrameAsync(PushFrames.DepthDiff(EthDepth, "ETHUSDC", 1, 1, 1_790_000_000_000, [(2500m, 1m)], [(2501m, 1m)]), 1, CancellationToken.None);
        await _snapshots.WaitForRequestAsync(1);
        var levels = new DepthLevels();
        levels.AddBid(new PriceLevel(Fixed8.FromDecimal(2499m), Fixed8.FromDecimal(3m)));
        levels.AddAsk(new PriceLevel(Fixed8.FromDecimal(2502m), Fixed8.FromDecimal(4m)));
        _snapshots.Complete(MarketEvent.DepthSnapshot(1, 1, 1, 0, levels));
        await LoopbackMexcServer.WaitUntilAsync(() => feed.Books[1].IsSynced, "the sync");
        byte[][] diffs = [.. Enumerable.Range(2, 2000).Select(v => PushFrames.DepthDiff(EthDepth, "ETHUSDC", v, v, 1_790_000_000_000 + v, [(2500m, v % 7 + 1)], [(2501m, v % 5 + 1)]))];
        byte[] trade = PushFrames.Trade("spot@public.aggre.deals.v3.api.pb@10ms@ETHUSDC", "ETHUSDC", 3);

        for (int i = 0; i < 1000; i++)
        {
            await feed.OnFrameAsync(diffs[i], 2, CancellationToken.None);
            await feed.OnFrameAsync(trade, 2, CancellationToken.None);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1000; i < 2000; i++)
        {
            await feed.OnFrameAsync(diffs[i], 2, CancellationToken.None);
        }

        long diffBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            await feed.OnFrameAsync(trade, 2, CancellationToken.None);
        }

        long tradeBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        (diffBytes, tradeBytes).Should().Be((0L, 0L));
        feed.Books[1].Book.LastUpdateId.Should().Be(2001);
        feed.Books[1].Gaps.Should().Be(0);
        writer.Count.Should().Be(4002);
        await _stop.CancelAsync();
        await syncing;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private MexcMarketFeed Feed(IMarketEventWriter writer, long? rawFrameTag = null) =>
        new(["BTCUSDC", "ETHUSDC"], _snapshots, new MexcBookOptions(), writer, _time, _log, _faults.Add, rawFrameTag);
}
