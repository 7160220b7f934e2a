using System.Diagnostics;
using System.Globalization;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Pipeline;
using FlashTrader.Mexc.Book;
using FlashTrader.Mexc.Feed;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.WebSocket;
using FlashTrader.Pipeline;
using FlashTrader.Reporting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Sources;

/// <summary>
/// Live MEXC market data for the enabled pairs (no API keys needed): aggre.depth and aggre.deals at 10 ms, the book
/// ticker, 1- and 15-minute klines over the WebSocket client; each book kept in sync from REST snapshots; everything into
/// the same inbound channel as a replay. Runs until the run stops (duration, signal, fault); a refused channel or a book
/// that cannot sync faults the run with an error naming it.
/// </summary>
public sealed class LiveMarketSource(
    FlashTraderOptions options,
    InstrumentSet instruments,
    PipelineChannels channels,
    RunStatus status,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<LiveMarketSource>();

    /// <summary>The channels streamed for the pairs, in pair order.</summary>
    public static IReadOnlyList<string> ChannelsFor(IEnumerable<string> symbols) => [.. symbols.SelectMany(MexcChannels.LiveMarketData)];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => StreamAsync(status.SourceStopping), CancellationToken.None);

    private async Task StreamAsync(CancellationToken stop)
    {
        var batches = new BatchWriter<InboundEvent>(channels.Inbound);
        string[] symbols = [.. instruments.All.Select(i => i.Symbol)];
        // Public market data: the REST client (rate budget, retries, circuit breaker) needs no API keys for snapshots.
        using var rest = new MexcRestClient(options.Mexc);
        using var feed = new MexcMarketFeed(
            symbols, rest, options.Mexc.Book, new PipelineEventWriter(batches), TimeProvider.System, _logger,
            ex => status.Fault("LiveMarketData", ex));
        await using var client = new MexcWebSocketClient(new Uri(options.Mexc.WsUrl), ChannelsFor(symbols), options.Mexc.WebSocket, feed, TimeProvider.System, _logger);
        _logger.LogInformation("Streaming live MEXC market data for {Symbols} from {Ws} (snapshots from {Rest})", string.Join(", ", symbols), options.Mexc.WsUrl, options.Mexc.RestUrl);
        LiveFeedSummary Counters() => new()
        {
            Connects = client.Connects,
            Reconnects = client.Reconnects,
            Rotations = client.Rotations,
            StaleDisconnects = client.StaleDisconnects,
            Frames = feed.Frames,
            MalformedFrames = feed.MalformedFrames,
            Gaps = feed.Books.Sum(b => b.Gaps),
            Resyncs = feed.Books.Sum(b => b.Resyncs),
            SnapshotRequests = feed.Books.Sum(b => b.SnapshotRequests),
            FailedSnapshotFetches = feed.Books.Sum(b => b.FailedFetches),
            RestRetries = rest.Retries,
            RestRefusedWhileBanned = rest.RateBudget.RefusedWhileBanned,
            BooksSyncedAtEnd = feed.Books.Count(b => b.IsSynced),
        };

        status.LiveFeedNow = Counters;
        status.AllocatedBytesAtStart = GC.GetTotalAllocatedBytes(precise: true);
        status.Gen0AtStart = GC.CollectionCount(0);
        status.Steady.Start();
        status.FirstEventTimestamp = Stopwatch.GetTimestamp();
        try
        {
            await Task.WhenAll(client.RunAsync(stop), feed.RunBookSyncAsync(stop)).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            status.Fault("LiveMarketData", ex);
        }
        finally
        {
            foreach (LocalOrderBookSync book in feed.Books)
            {
                TimeSpan age = book.LastUpdateAge;
                _logger.LogInformation(
                    "Live MEXC book {Symbol}: {State}, version {Version}, gaps {Gaps}, resyncs {Resyncs}, snapshots {Snapshots}, last update {Age} ago",
                    book.Symbol, book.IsSynced ? "synced" : book.State.ToString(), book.Book.LastUpdateId, book.Gaps, book.Resyncs, book.SnapshotRequests,
                    age == TimeSpan.MaxValue ? "never" : age.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms");
            }

            _logger.LogInformation(
                "Live MEXC data: {Frames} frames, {Malformed} malformed, {Events} events, {Connects} connects, {Reconnects} reconnects, {Stale} stale, {Rotations} rotations",
                feed.Frames, feed.MalformedFrames, feed.EventsWritten, client.Connects, client.Reconnects, client.StaleDisconnects, client.Rotations);
            status.LiveFeedNow = null;
            status.LiveFeed = Counters();
            status.SourceCompleted = false;
            await batches.FlushAsync().ConfigureAwait(false);
            batches.Complete();
        }
    }
}
