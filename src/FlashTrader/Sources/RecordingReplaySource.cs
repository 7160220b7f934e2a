using System.Diagnostics;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using FlashTrader.Pipeline;
using FlashTrader.Storage.Recording;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Sources;

/// <summary>
/// Market data from a recording: streams it block by block, maps recorded symbols to the enabled pairs (a pair's
/// SourceSymbols let BTCUSDT data stand for BTCUSDC), hands depth levels over in pooled buffers, and paces by
/// exchange time when a speed is given (1 = real time; default as fast as the pipeline takes it).
/// </summary>
public sealed class RecordingReplaySource(
    RunSettings settings,
    InstrumentSet instruments,
    PipelineChannels channels,
    RunStatus status,
    ILogger<RecordingReplaySource> logger) : BackgroundService
{
    private readonly DepthLevelsPool _pool = new(64);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => ReplayAsync(status.SourceStopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task ReplayAsync(CancellationToken stop)
    {
        var writer = new BatchWriter<InboundEvent>(channels.Inbound);
        try
        {
            using RecordingReader reader = RecordingReader.Open(settings.Replay!);
            int[] map = MapSymbols(reader.Header);
            logger.LogInformation("Replaying {Recording} ({Symbols}) at {Speed}", settings.Replay, string.Join(", ", reader.Header.Symbols), settings.Speed is null ? "max speed" : $"{settings.Speed}x");
            long firstExchangeNs = long.MinValue;
            long startTimestamp = 0;
            status.AllocatedBytesAtStart = GC.GetTotalAllocatedBytes(precise: true);
            status.Gen0AtStart = GC.CollectionCount(0);
            status.FirstEventTimestamp = Stopwatch.GetTimestamp();
            long skipped = 0;
            bool paced = settings.Speed is not null;
            while (!stop.IsCancellationRequested && reader.TryRead(out MarketEvent ev))
            {
                int symbol = map[ev.SymbolId];
                if (symbol < 0 || ev.Kind == MarketEventKind.RawFrame)
                {
                    skipped++;
                    continue;
                }

                if (settings.Speed is double speed)
                {
                    if (firstExchangeNs == long.MinValue)
                    {
                        firstExchangeNs = ev.ExchangeTimeNs;
                        startTimestamp = Stopwatch.GetTimestamp();
                    }

                    await PaceAsync(ev.ExchangeTimeNs - firstExchangeNs, speed, startTimestamp, writer, stop).ConfigureAwait(false);
                }

                DepthLevels? levels = null;
                if (ev.HasLevels)
                {
                    levels = _pool.Rent();
                    levels.CopyFrom(ev.Levels);
                }

                // Paced replays behave like a live feed: each event goes out as soon as it is due.
                if (writer.Add(new InboundEvent(ev.With(symbol, levels), Stopwatch.GetTimestamp())) || paced)
                {
                    await writer.FlushAsync().ConfigureAwait(false);
                }
            }

            status.SkippedEvents = skipped;
            status.SourceCompleted = !stop.IsCancellationRequested;
            if (reader.Warning is not null)
            {
                status.SourceWarning = reader.Warning;
                logger.LogWarning("{Warning}", reader.Warning);
            }

            await writer.FlushAsync().ConfigureAwait(false);
            writer.Complete();
        }
        catch (RecordingCorruptException ex)
        {
            logger.LogError("{Message}", ex.Message);
            status.CorruptInput = true;
            status.Fault("Replay", ex);
            writer.Complete();
        }
        catch (OperationCanceledException)
        {
            await writer.FlushAsync().ConfigureAwait(false);
            writer.Complete();
        }
        catch (Exception ex)
        {
            status.Fault("Replay", ex);
            writer.Complete(ex);
        }
    }

    private int[] MapSymbols(RecordingHeader header)
    {
        int[] map = [.. header.Symbols.Select(s => instruments.Find(s)?.Id ?? -1)];
        if (map.All(m => m < 0))
        {
            throw new Cli.UsageException(
                $"{settings.Replay}: its symbols ({string.Join(", ", header.Symbols)}) match no enabled pair " +
                $"({string.Join(", ", instruments.All.Select(i => i.Symbol))}); map them with TradingPairs:N:SourceSymbols");
        }

        foreach (string unmapped in header.Symbols.Where((_, i) => map[i] < 0))
        {
            logger.LogWarning("Recording symbol {Symbol} matches no enabled pair: its events are skipped", unmapped);
        }

        return map;
    }

    /// <summary>Holds an event back until its time has come at the requested speed; what is pending goes out first.</summary>
    private static async ValueTask PaceAsync(long eventOffsetNs, double speed, long startTimestamp, BatchWriter<InboundEvent> writer, CancellationToken stop)
    {
        double dueSeconds = eventOffsetNs / 1e9 / speed;
        double ahead = dueSeconds - Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        if (ahead <= 0)
        {
            return;
        }

        await writer.FlushAsync().ConfigureAwait(false);
        if (ahead > 0.002)
        {
            await Task.Delay(TimeSpan.FromSeconds(ahead - 0.001), stop).ConfigureAwait(false);
        }

        // The last stretch spins: Task.Delay's ~1 ms granularity would add that much to every event's latency.
        while (Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds < dueSeconds)
        {
            stop.ThrowIfCancellationRequested();
            Thread.SpinWait(20);
        }
    }
}
