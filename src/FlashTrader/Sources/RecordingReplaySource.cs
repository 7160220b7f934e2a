using System.Diagnostics;
using FlashTrader.Core.Configuration;
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
    FlashTraderOptions options,
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
        WarmPass? warm = null;
        DirectPath? direct = null;
        try
        {
            using RecordingReader reader = RecordingReader.Open(settings.Replay!);
            int[] map = MapSymbols(reader.Header);
            logger.LogInformation("Replaying {Recording} ({Symbols}) at {Speed}", settings.Replay, string.Join(", ", reader.Header.Symbols), settings.Speed is null ? channels.Signals.IsHandOff ? "max speed, on 2 threads (market side | order side)" : "max speed" : $"{settings.Speed}x");
            var pace = new ReplayPace(settings.Speed);
            warm = new WarmPass(channels.Inbound, pace.IsPaced ? options.Pipeline.WarmIntervalMicros : 0);
            direct = new DirectPath(channels, pace.IsPaced && options.Pipeline.DirectPath);
            status.AllocatedBytesAtStart = GC.GetTotalAllocatedBytes(precise: true);
            status.Gen0AtStart = GC.CollectionCount(0);
            status.Steady.Start();
            status.FirstEventTimestamp = Stopwatch.GetTimestamp();
            long skipped = 0;
            var decoder = new MexcPushDecoder(new SymbolTable(reader.Header.Symbols), _pool);
            var decoded = new DecodedFrame();
            // Per event this loop stays synchronous: it awaits only when a flush finds the channel full, so no async call
            // (and, in a Debug build, no state machine object) is made per event. Pacing sleeps this thread (its own).
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

                        inner = inner.With(mapped, null);
                        if (pace.IsEarly(inner.ExchangeTimeNs))
                        {
                            await writer.FlushAsync().ConfigureAwait(false);
                            WaitUntilDue(pace, writer, warm, stop);
                        }

                        if ((writer.Add(new InboundEvent(inner, Stopwatch.GetTimestamp())) || pace.IsPaced) && !direct.TrySend(writer))
                        {
                            await writer.FlushAsync().ConfigureAwait(false);
                        }
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
                    // Rented from the size class that holds it, so the pooled buffer never grows in the steady state.
                    levels = _pool.Rent(ev.Levels.BidCount, ev.Levels.AskCount);
                    levels.CopyFrom(ev.Levels);
                }

                ev = ev.With(symbol, levels);
                if (pace.IsEarly(ev.ExchangeTimeNs))
                {
                    await writer.FlushAsync().ConfigureAwait(false);
                    WaitUntilDue(pace, writer, warm, stop);
                }

                // Paced replays behave like a live feed: each event goes out as soon as it is due (by direct calls
                // through an idle chain with Pipeline:DirectPath).
                if ((writer.Add(new InboundEvent(ev, Stopwatch.GetTimestamp())) || pace.IsPaced) && !direct.TrySend(writer))
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

        if (direct is { IsEnabled: true })
        {
            logger.LogInformation("Direct path: {Direct} batches by direct calls through the idle chain, {ViaChannels} through the channels (the chain was busy)", direct.Direct, direct.ViaChannels);
        }

        if (warm is { IsEnabled: true })
        {
            logger.LogInformation(
                "Warm passes: {Passes}, {Mean:0.0} µs each on average, {Late} ended after the event was due (at most {MaxLate:0.0} µs after)",
                warm.Passes, warm.MeanMicros, warm.Late, warm.MaxLateMicros);
        }
    }

    /// <summary>
    /// Waits until the event is due. The batch it goes into is rented between the sleep and the final spin: after a
    /// wait of milliseconds the pool, the batch and its list are out of the CPU's caches (other processes' work evicts
    /// them within ~1 ms, sleeping or spinning alike), and touching them now, tens of microseconds before the event is
    /// due, keeps those misses out of its latency. Nothing of the event is handled before it is due. With warm passes on
    /// (Pipeline:WarmIntervalMicros) the sleep is sliced and each slice ends with a pass through the idle chain.
    /// </summary>
    private static void WaitUntilDue(ReplayPace pace, BatchWriter<InboundEvent> writer, WarmPass warm, CancellationToken stop)
    {
        pace.SleepUntilSpinWindow(warm, stop);
        _ = writer.Filling();
        pace.SpinUntilDue();
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
