using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Mexc.Book;

/// <summary>
/// Keeps one symbol's local order book in sync the way MEXC documents it: aggre.depth diffs are buffered until a REST
/// snapshot (GET /api/v3/depth, limit 5000) arrives; diffs at or below its lastUpdateId are dropped, the rest must chain
/// (fromVersion == previous toVersion + 1). A snapshot older than the buffered diffs, a gap in the chain, or a crossed
/// book leads to a new snapshot, fetched after a jittered exponential backoff; after
/// <see cref="MexcBookOptions.MaxResyncAttempts"/> consecutive attempts that do not sync, it gives up with an error
/// instead of looping. The version rules themselves are <see cref="OrderBook"/>'s; this class owns a copy of the book
/// fed the same events as the pipeline's, and decides when to fetch.
/// <para>Threading: <see cref="OnDiff"/> and <see cref="ApplySnapshot"/> must not run concurrently (the market feed
/// serializes them); <see cref="RunAsync"/> only fetches and hands the snapshot to that serialized path.</para>
/// </summary>
public sealed class LocalOrderBookSync : IDisposable
{
    private readonly IDepthSnapshotSource _snapshots;
    private readonly MexcBookOptions _options;
    private readonly TimeProvider _time;
    private readonly DepthLevelsPool _pool;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly SemaphoreSlim _snapshotNeeded = new(0, 1);
    private int _requested;
    private bool _sawDiff;
    private long _lastUpdateLocalNs;
    private long _resyncs;
    private long _snapshotRequests;
    private long _staleSnapshots;
    private long _failedFetches;
    private long _crossedBooks;

    public LocalOrderBookSync(
        string symbol, int symbolId, IDepthSnapshotSource snapshots, MexcBookOptions options, TimeProvider time, DepthLevelsPool pool, ILogger logger, Random? random = null)
    {
        Symbol = symbol;
        SymbolId = symbolId;
        _snapshots = snapshots;
        _options = options;
        _time = time;
        _pool = pool;
        _logger = logger;
        _random = random ?? new Random();
        Book = new OrderBook(symbol);
    }

    public string Symbol { get; }

    public int SymbolId { get; }

    /// <summary>The synchronized book (a copy kept by this class; read it only from the serialized feed path).</summary>
    public OrderBook Book { get; }

    public BookSyncState State => Book.State;

    /// <summary>Synced and tradeable (both sides, not crossed).</summary>
    public bool IsSynced => Book.IsTradeable;

    /// <summary>Set when the sync gave up after MaxResyncAttempts consecutive failed attempts.</summary>
    public bool HasFailed { get; private set; }

    /// <summary>Version gaps detected in the diff chain.</summary>
    public long Gaps => Book.Gaps;

    /// <summary>Snapshots fetched after the book had been synced once (gaps, crossed books).</summary>
    public long Resyncs => Interlocked.Read(ref _resyncs);

    public long SnapshotRequests => Interlocked.Read(ref _snapshotRequests);

    /// <summary>Snapshots that could not sync the book: older than the buffered diffs (MEXC step 3) or leaving a gap after them.</summary>
    public long StaleSnapshots => Interlocked.Read(ref _staleSnapshots);

    /// <summary>Snapshot requests that failed (HTTP error, timeout, bad body).</summary>
    public long FailedFetches => Interlocked.Read(ref _failedFetches);

    /// <summary>Times the book was found crossed (best bid at or above best ask) and resynchronized.</summary>
    public long CrossedBooks => Interlocked.Read(ref _crossedBooks);

    /// <summary>How long ago (local receive time) the book last changed; <see cref="TimeSpan.MaxValue"/> before the first change.</summary>
    public TimeSpan LastUpdateAge
    {
        get
        {
            long last = Interlocked.Read(ref _lastUpdateLocalNs);
            if (last == 0)
            {
                return TimeSpan.MaxValue;
            }

            long nowNs = (_time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
            return TimeSpan.FromTicks(Math.Max(0, nowNs - last) / 100);
        }
    }

    /// <summary>Applies (or buffers) one aggre.depth diff. Allocation-free; may request a snapshot.</summary>
    public DepthDiffOutcome OnDiff(in MarketEvent diff)
    {
        DepthDiffOutcome outcome = Book.ApplyDiff(diff.FirstUpdateId, diff.LastUpdateId, diff.Levels, diff.ExchangeTimeNs);
        switch (outcome)
        {
            case DepthDiffOutcome.Applied:
                Interlocked.Exchange(ref _lastUpdateLocalNs, diff.LocalTimeNs);
                if (Book.IsCrossed)
                {
                    Interlocked.Increment(ref _crossedBooks);
                    RequestSnapshot();
                }

                break;
            case DepthDiffOutcome.Gap:
                RequestSnapshot();
                break;
            case DepthDiffOutcome.Buffered when !_sawDiff:
                // MEXC step 1 before step 2: the snapshot is fetched once diffs are being buffered.
                _sawDiff = true;
                RequestSnapshot();
                break;
        }

        return outcome;
    }

    /// <summary>Applies a fetched snapshot (then the buffered diffs); true when the book is tradeable afterwards.</summary>
    public bool ApplySnapshot(in MarketEvent snapshot)
    {
        if (Book.ApplySnapshot(snapshot.LastUpdateId, snapshot.Levels, snapshot.ExchangeTimeNs))
        {
            Interlocked.Exchange(ref _lastUpdateLocalNs, snapshot.LocalTimeNs);
        }

        return Book.IsTradeable;
    }

    /// <summary>
    /// Fetches snapshots whenever the book needs one, handing each to <paramref name="deliver"/>, which must call
    /// <see cref="ApplySnapshot"/> on the serialized feed path (and forward the event to whoever mirrors the book).
    /// Returns when cancelled; throws <see cref="BookSyncFailedException"/> after MaxResyncAttempts consecutive failures.
    /// </summary>
    public async Task RunAsync(Func<MarketEvent, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        int failures = 0;
        bool syncedOnce = false;
        string lastProblem = string.Empty;
        try
        {
            while (true)
            {
                if (failures == 0)
                {
                    await _snapshotNeeded.WaitAsync(cancellationToken).ConfigureAwait(false);
                    Interlocked.Exchange(ref _requested, 0);
                }
                else
                {
                    if (failures >= _options.MaxResyncAttempts)
                    {
                        HasFailed = true;
                        throw new BookSyncFailedException(
                            $"{Symbol}: the order book could not be synchronized after {failures} consecutive snapshot attempts (last: {lastProblem}); " +
                            "see Mexc:Book:MaxResyncAttempts");
                    }

                    TimeSpan delay = Backoff(failures - 1);
                    _logger.LogWarning("{Symbol}: order book not synced ({Problem}); snapshot attempt {Attempt} in {Delay} ms", Symbol, lastProblem, failures + 1, (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _snapshotRequests);
                if (syncedOnce)
                {
                    Interlocked.Increment(ref _resyncs);
                }

                MarketEvent snapshot;
                try
                {
                    snapshot = await _snapshots.GetDepthSnapshotAsync(Symbol, SymbolId, _options.SnapshotLimit, _pool, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failedFetches);
                    failures++;
                    lastProblem = "snapshot request failed: " + ex.Message;
                    continue;
                }

                long snapshotVersion = snapshot.LastUpdateId;
                await deliver(snapshot, cancellationToken).ConfigureAwait(false);
                if (Book.IsSynced && !Book.IsCrossed && Book.LastUpdateId >= snapshotVersion)
                {
                    failures = 0;
                    syncedOnce = true;
                    _logger.LogInformation("{Symbol}: order book synced at version {Version} ({Bids} bids, {Asks} asks)", Symbol, Book.LastUpdateId, Book.BidCount, Book.AskCount);
                    continue;
                }

                failures++;
                if (Book.IsCrossed)
                {
                    Interlocked.Increment(ref _crossedBooks);
                    lastProblem = $"crossed after snapshot {snapshotVersion}";
                }
                else
                {
                    Interlocked.Increment(ref _staleSnapshots);
                    lastProblem = $"snapshot {snapshotVersion} does not reach the buffered diffs";
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    public void Dispose() => _snapshotNeeded.Dispose();

    private void RequestSnapshot()
    {
        if (Interlocked.Exchange(ref _requested, 1) == 0)
        {
            _snapshotNeeded.Release();
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        double capped = Math.Min(_options.ResyncMaxDelayMs, _options.ResyncInitialDelayMs * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Math.Max(1, capped * (0.5 + _random.NextDouble())));
    }
}
