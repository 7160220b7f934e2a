using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Book;
using FlashTrader.Storage.Recording;
using FlashTrader.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashTrader.Mexc.Tests.Book;

/// <summary>
/// The sync procedure on real L2 data: the bundled sample (Binance spot BTCUSDT, 2024-08-08, recorded as BTCUSDC; its U/u ids follow the same
/// rule as MEXC's fromVersion/toVersion). Diffs stream in; the sync asks for a snapshot after the first; the recorded
/// REST snapshot answers it where it sits in the capture. The oracle is a plain OrderBook fed the recording directly.
/// </summary>
public sealed class LocalOrderBookSyncRealDataTests
{
    [Fact]
    public async Task Syncs_the_real_BTCUSDT_book_from_its_recorded_snapshot_without_a_gap_and_ends_identical_to_the_direct_replay()
    {
        var source = new ScriptedSnapshotSource();
        using var stop = new CancellationTokenSource();
        using var sync = new LocalOrderBookSync("BTCUSDT", 0, source, new MexcBookOptions(), new ManualTimeProvider(), new DepthLevelsPool(), NullLogger.Instance);
        int delivered = 0;
        Task running = sync.RunAsync(
            (s, _) =>
            {
                sync.ApplySnapshot(s);
                Interlocked.Increment(ref delivered);
                return ValueTask.CompletedTask;
            },
            stop.Token);
        var oracle = new OrderBook("BTCUSDT");
        long diffs = 0, crossedAfterSync = 0;

        using (RecordingReader reader = RecordingReader.Open(SamplePath()))
        {
            int btc = reader.Header.Symbols.ToList().IndexOf("BTCUSDC");
            while (reader.TryRead(out MarketEvent ev))
            {
                if (ev.SymbolId != btc)
                {
                    continue;
                }

                if (ev.Kind == MarketEventKind.DepthDiff)
                {
                    diffs++;
                    oracle.ApplyDiff(ev.FirstUpdateId, ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                    sync.OnDiff(ev.With(0, null));
                    if (diffs == 1)
                    {
                        await source.WaitForRequestAsync(1);
                    }
                }
                else if (ev.Kind == MarketEventKind.DepthSnapshot)
                {
                    oracle.ApplySnapshot(ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                    var copy = new DepthLevels();
                    copy.CopyFrom(ev.Levels);
                    source.Complete(MarketEvent.DepthSnapshot(0, ev.ExchangeTimeNs, ev.LocalTimeNs, ev.LastUpdateId, copy));
                    await LoopbackMexcServer.WaitUntilAsync(() => Volatile.Read(ref delivered) == 1, "the snapshot to be applied");
                }

                if (sync.State == BookSyncState.Synced && sync.Book.IsCrossed)
                {
                    crossedAfterSync++;
                }
            }
        }

        await stop.CancelAsync();
        await running;
        diffs.Should().Be(6_495, "the sample's BTC depth stream as the data README counts it");
        source.Requests.Should().Equal(("BTCUSDT", 5000));
        sync.Gaps.Should().Be(0);
        sync.Resyncs.Should().Be(0);
        sync.StaleSnapshots.Should().Be(0);
        crossedAfterSync.Should().Be(0);
        sync.IsSynced.Should().BeTrue();
        sync.Book.LastUpdateId.Should().Be(oracle.LastUpdateId);
        sync.Book.DiffsApplied.Should().Be(oracle.DiffsApplied);
        sync.Book.BidCount.Should().Be(oracle.BidCount);
        sync.Book.AskCount.Should().Be(oracle.AskCount);
        for (int i = 0; i < 50; i++)
        {
            sync.Book.Bid(i).Should().Be(oracle.Bid(i));
            sync.Book.Ask(i).Should().Be(oracle.Ask(i));
        }
    }

    private static string SamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "binance-btc-eth-2024-08-08.ftrec");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"samples/binance-btc-eth-2024-08-08.ftrec not found above {AppContext.BaseDirectory}");
    }
}
