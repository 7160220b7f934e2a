using System.Diagnostics;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Rest;
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
            var decoder = new MexcPushDecoder(new SymbolTable(reader.Header.Symbols), _pool);
            var decoded = new DecodedFrame();
            while (!stop.IsCancellationRequested && reader.TryRead(out MarketEvent ev))
            {
                if (ev.Kind == MarketEventKind.RawFrame)
                {
                    // Recorded MEXC frames go through the same decoder as live data.
                    decoded.Clear();
                    if (!TryDecodeRawFrame(ev, decoder, ref decoded))
                    {
                        skipped++;
                        continue;
                    }

                    for (int i = 0; i < decoded.Count; i++)
                    {
                        MarketEvent inner = decoded[i];
                        int mapped = map[inner.SymbolId];
                        if (mapped < 0)
                        {
                            skipped++;
                            if (inner.HasLevels)
                            {
                                inner.Levels.Release();
                            }

                            continue;
                        }

                        (firstExchangeNs, startTimestamp) = await EmitAsync(inner.With(mapped, null), firstExchangeNs, startTimestamp, writer, paced, stop).ConfigureAwait(false);
                    }

                    continue;
                }

                int symbol = map[ev.SymbolId];
                if (symbol < 0)
                {
                    skipped++;
                    continue;
                }

                DepthLevels? levels = null;
                if (ev.HasLevels)
                {
                    levels = _pool.Rent();
                    levels.CopyFrom(ev.Levels);
                }

                (firstExchangeNs, startTimestamp) = await EmitAsync(ev.With(symbol, levels), firstExchangeNs, startTimestamp, writer, paced, stop).ConfigureAwait(false);
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

    /// <summary>Sends one event on (paced by exchange time when a speed is given); returns the pacing origin.</summary>
    private async ValueTask<(long FirstExchangeNs, long StartTimestamp)> EmitAsync(
        MarketEvent ev, long firstExchangeNs, long startTimestamp, BatchWriter<InboundEvent> writer, bool paced, CancellationToken stop)
    {
        if (settings.Speed is double speed)
        {
            if (firstExchangeNs == long.MinValue)
            {
                firstExchangeNs = ev.ExchangeTimeNs;
                startTimestamp = Stopwatch.GetTimestamp();
            }

            await PaceAsync(ev.ExchangeTimeNs - firstExchangeNs, speed, startTimestamp, writer, stop).ConfigureAwait(false);
        }

        // Paced replays behave like a live feed: each event goes out as soon as it is due.
        if (writer.Add(new InboundEvent(ev, Stopwatch.GetTimestamp())) || paced)
        {
            await writer.FlushAsync().ConfigureAwait(false);
        }

        return (firstExchangeNs, startTimestamp);
    }

    /// <summary>
    /// Decodes a recorded frame: a MEXC push frame into its events, a recorded REST depth body into a snapshot. False
    /// for a frame that yields nothing (malformed, unknown tag): it is counted as skipped, as live would skip it.
    /// </summary>
    private bool TryDecodeRawFrame(in MarketEvent raw, MexcPushDecoder decoder, ref DecodedFrame decoded)
    {
        if (raw.FrameTag == RawFrameTag.MexcProtobuf)
        {
            MexcDecodeResult result = decoder.Decode(raw.Payload, raw.LocalTimeNs, ref decoded);
            if (result.IsMalformed && decoder.MalformedFrames <= 10)
            {
                logger.LogWarning("Recorded MEXC frame skipped: {Reason}", result.Describe());
            }

            return decoded.Count > 0;
        }

        if (raw.FrameTag == RawFrameTag.MexcDepthSnapshotJson)
        {
            DepthLevels levels = _pool.Rent();
            try
            {
                string? error = DepthSnapshotJson.TryRead(raw.Payload, levels, out long lastUpdateId, out _);
                if (error is not null)
                {
                    throw new FormatException($"{settings.Replay}: recorded depth snapshot: {error}");
                }

                decoded.OnEvent(MarketEvent.DepthSnapshot(raw.SymbolId, raw.ExchangeTimeNs, raw.LocalTimeNs, lastUpdateId, levels));
                return true;
            }
            catch (FormatException ex)
            {
                levels.Release();
                logger.LogWarning("Recorded depth snapshot skipped: {Reason}", ex.Message);
                return false;
            }
        }

        return false;
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

    /// <summary>The events one recorded frame decodes to (a reused buffer: no allocation per frame once grown).</summary>
    private sealed class DecodedFrame : IMexcPushSink
    {
        private MarketEvent[] _events = new MarketEvent[16];

        public int Count { get; private set; }

        public MarketEvent this[int index] => _events[index];

        public void Clear()
        {
            Array.Clear(_events, 0, Count);
            Count = 0;
        }

        public void OnEvent(in MarketEvent marketEvent)
        {
            if (Count == _events.Length)
            {
                Array.Resize(ref _events, Count * 2);
            }

            _events[Count++] = marketEvent;
        }

        public void OnOrder(in PrivateOrderUpdate order)
        {
        }

        public void OnDeal(in PrivateDeal deal)
        {
        }

        public void OnAccount(in PrivateAccountUpdate account)
        {
        }
    }
}
