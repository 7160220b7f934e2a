using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Book;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.WebSocket;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Mexc.Feed;

/// <summary>
/// Turns MEXC push frames into market events for one set of symbols: decodes each frame (no allocation per frame),
/// keeps every symbol's order book in sync (<see cref="LocalOrderBookSync"/>: diffs in, snapshots fetched when needed)
/// and writes the events in arrival order, snapshots included, to an <see cref="IMarketEventWriter"/>. With a raw-frame
/// tag it writes each frame verbatim instead of its decoded events (recording), still syncing the books so that the
/// snapshots a replay needs are recorded. Malformed frames are counted, skipped and logged at a bounded rate.
/// </summary>
public sealed class MexcMarketFeed : IMexcFrameHandler, IDisposable
{
    private static readonly TimeSpan MalformedLogInterval = TimeSpan.FromSeconds(10);

    private readonly MexcPushDecoder _decoder;
    private readonly LocalOrderBookSync[] _books;
    private readonly IMarketEventWriter _writer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long? _rawFrameTag;
    private readonly Action<Exception> _fault;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MarketEvent[] _frameEvents = new MarketEvent[16];
    private int _frameEventCount;
    private int _rawSymbolId;
    private long _rawExchangeNs;
    private long _malformedSinceLog;
    private long _lastMalformedLog = long.MinValue;

    /// <param name="symbols">The symbols in id order (event SymbolId = index).</param>
    /// <param name="rawFrameTag">Null: write decoded events; otherwise write each frame as a RawFrame event with this tag.</param>
    /// <param name="fault">Told about what stops the feed from being complete: a refused channel, a book that cannot sync.</param>
    public MexcMarketFeed(
        IReadOnlyList<string> symbols,
        IDepthSnapshotSource snapshots,
        MexcBookOptions bookOptions,
        IMarketEventWriter writer,
        TimeProvider time,
        ILogger logger,
        Action<Exception> fault,
        long? rawFrameTag = null)
    {
        var pool = new DepthLevelsPool(64);
        _decoder = new MexcPushDecoder(new SymbolTable(symbols), pool);
        _books = [.. symbols.Select((s, i) => new LocalOrderBookSync(s, i, snapshots, bookOptions, time, pool, logger))];
        _writer = writer;
        _time = time;
        _logger = logger;
        _fault = fault;
        _rawFrameTag = rawFrameTag;
    }

    public IReadOnlyList<LocalOrderBookSync> Books => _books;

    public long Frames { get; private set; }

    public long MalformedFrames => _decoder.MalformedFrames;

    /// <summary>Events written (decoded events, or raw frames, plus snapshots).</summary>
    public long EventsWritten { get; private set; }

    /// <summary>Fetches snapshots for every book until cancelled; a book that cannot sync faults the feed.</summary>
    public Task RunBookSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_books.Select(book => RunBookAsync(book, cancellationToken)));

    /// <remarks>
    /// Synchronous whenever nothing has to wait (the gate is free, the writer takes the events): no state machine, no
    /// allocation per frame. Only a busy gate or a full pipeline takes the async path.
    /// </remarks>
    public ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame, long receivedUnixNs, CancellationToken cancellationToken)
    {
        if (!_gate.Wait(0, CancellationToken.None))
        {
            return OnFrameWhenBusyAsync(frame, receivedUnixNs, cancellationToken);
        }

        try
        {
            DecodeFrame(frame.Span, receivedUnixNs);
        }
        catch
        {
            _gate.Release();
            throw;
        }

        return WriteFrame(0, frame, receivedUnixNs);
    }

    private async ValueTask OnFrameWhenBusyAsync(ReadOnlyMemory<byte> frame, long receivedUnixNs, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DecodeFrame(frame.Span, receivedUnixNs);
        }
        catch
        {
            _gate.Release();
            throw;
        }

        await WriteFrame(0, frame, receivedUnixNs).ConfigureAwait(false);
    }

    /// <summary>Decodes one frame (all or nothing) and passes its depth diffs to the book syncs; the gate is held.</summary>
    private void DecodeFrame(ReadOnlySpan<byte> frame, long receivedUnixNs)
    {
        Frames++;
        _frameEventCount = 0;
        var sink = new FrameSink(this);
        MexcDecodeResult result = _decoder.Decode(frame, receivedUnixNs, ref sink);
        if (result.IsMalformed)
        {
            ReportMalformed(result, frame.Length);
        }

        _rawSymbolId = 0;
        _rawExchangeNs = receivedUnixNs;
        for (int i = 0; i < _frameEventCount; i++)
        {
            ref MarketEvent ev = ref _frameEvents[i];
            if (ev.Kind == MarketEventKind.DepthDiff)
            {
                _books[ev.SymbolId].OnDiff(ev);
            }

            if (_rawFrameTag is not null)
            {
                // Recording keeps the frame itself: its decoded events were only needed for the book syncs.
                if (i == 0)
                {
                    _rawSymbolId = ev.SymbolId;
                    _rawExchangeNs = ev.ExchangeTimeNs;
                }

                if (ev.HasLevels)
                {
                    ev.Levels.Release();
                }

                ev = default;
            }
        }

        if (_rawFrameTag is not null)
        {
            _frameEventCount = 0;
        }
    }

    /// <summary>Writes the decoded events from <paramref name="index"/> on (or the raw frame), then flushes; releases the gate when done.</summary>
    private ValueTask WriteFrame(int index, ReadOnlyMemory<byte> frame, long receivedUnixNs)
    {
        bool handedOver = false;
        try
        {
            for (; index < _frameEventCount; index++)
            {
                MarketEvent ev = _frameEvents[index];
                _frameEvents[index] = default;
                if (Write(ev))
                {
                    ValueTask flush = _writer.FlushAsync();
                    if (!flush.IsCompletedSuccessfully)
                    {
                        handedOver = true;
                        return ContinueAfterFlushAsync(flush, index + 1, frame, receivedUnixNs);
                    }
                }
            }

            if (_rawFrameTag is long tag)
            {
                // A frame that decodes to nothing (malformed, unknown symbol) is kept too: the recording is what came in.
                Write(MarketEvent.RawFrame(_rawSymbolId, _rawExchangeNs, receivedUnixNs, tag, ArrayOf(frame), frame.Length));
            }

            ValueTask last = _writer.FlushAsync();
            if (!last.IsCompletedSuccessfully)
            {
                handedOver = true;
                return ReleaseAfterAsync(last);
            }

            return default;
        }
        finally
        {
            if (!handedOver)
            {
                _gate.Release();
            }
        }
    }

    private async ValueTask ContinueAfterFlushAsync(ValueTask flush, int next, ReadOnlyMemory<byte> frame, long receivedUnixNs)
    {
        try
        {
            await flush.ConfigureAwait(false);
        }
        catch
        {
            _gate.Release();
            throw;
        }

        await WriteFrame(next, frame, receivedUnixNs).ConfigureAwait(false);
    }

    private async ValueTask ReleaseAfterAsync(ValueTask flush)
    {
        try
        {
            await flush.ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void OnSubscriptionRefused(MexcSubscriptionRefusedException refusal) => _fault(refusal);

    public void Dispose()
    {
        foreach (LocalOrderBookSync book in _books)
        {
            book.Dispose();
        }

        _gate.Dispose();
    }

    private async Task RunBookAsync(LocalOrderBookSync book, CancellationToken cancellationToken)
    {
        try
        {
            await book.RunAsync(DeliverSnapshotAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (BookSyncFailedException ex)
        {
            _logger.LogError("{Error}", ex.Message);
            _fault(ex);
        }
    }

    /// <summary>A fetched snapshot takes the same serialized path as frames, so the book copies see one order of events.</summary>
    private async ValueTask DeliverSnapshotAsync(MarketEvent snapshot, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _books[snapshot.SymbolId].ApplySnapshot(snapshot);
            Write(snapshot);
            await _writer.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>True when the writer must be flushed before the next event (a full pipeline makes the frame path wait: never a drop).</summary>
    private bool Write(in MarketEvent ev)
    {
        EventsWritten++;
        return _writer.Add(ev);
    }

    private void ReportMalformed(in MexcDecodeResult result, int length)
    {
        _malformedSinceLog++;
        long now = _time.GetTimestamp();
        if (_lastMalformedLog != long.MinValue && _time.GetElapsedTime(_lastMalformedLog, now) < MalformedLogInterval)
        {
            return;
        }

        _logger.LogWarning(
            "Malformed MEXC frame skipped ({Length} bytes): {Reason}; {Count} malformed since the last report, {Total} in all",
            length, result.Describe(), _malformedSinceLog, _decoder.MalformedFrames);
        _malformedSinceLog = 0;
        _lastMalformedLog = now;
    }

    private void Collect(in MarketEvent ev)
    {
        if (_frameEventCount == _frameEvents.Length)
        {
            Array.Resize(ref _frameEvents, _frameEvents.Length * 2);
        }

        _frameEvents[_frameEventCount++] = ev;
    }

    /// <summary>The frame's own array when it starts at 0 (the client's receive buffer): no copy.</summary>
    private static byte[] ArrayOf(ReadOnlyMemory<byte> frame) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(frame, out ArraySegment<byte> segment) && segment.Offset == 0
            ? segment.Array!
            : frame.ToArray();

    /// <summary>Collects a frame's events so they are handled after the whole frame decoded (all or nothing).</summary>
    private readonly struct FrameSink(MexcMarketFeed feed) : IMexcPushSink
    {
        public void OnEvent(in MarketEvent marketEvent) => feed.Collect(marketEvent);

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
