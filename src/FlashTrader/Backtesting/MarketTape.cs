using FlashTrader.Cli;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Backtesting;

/// <summary>
/// A recording decoded once into memory, in recording order, its symbols mapped to the configured pairs exactly as the
/// replay source maps them (unmatched symbols and raw frames skipped). Each depth event owns a right-sized copy of its
/// levels that nothing writes to, so any number of backtests may read the tape at once. The events sit in fixed-size
/// chunks: the tape grows by adding a chunk, never by copying what it holds (a doubling array allocated and copied
/// about three times the tape's size while decoding).
/// </summary>
public sealed class MarketTape
{
    /// <summary>Events per chunk: 16,384 (1.7 MB).</summary>
    public const int ChunkSize = 1 << ChunkShift;

    private const int ChunkShift = 14;
    private readonly MarketEvent[][] _chunks;

    private MarketTape(MarketEvent[][] chunks, int count, IReadOnlyList<string> recordingSymbols, long skipped, string? warning)
    {
        _chunks = chunks;
        Count = count;
        RecordingSymbols = recordingSymbols;
        Skipped = skipped;
        Warning = warning;
    }

    public int Count { get; }

    public IReadOnlyList<string> RecordingSymbols { get; }

    /// <summary>Events of unmatched symbols and raw frames, left out.</summary>
    public long Skipped { get; }

    /// <summary>The reader's warning (e.g. a truncated last block), if any.</summary>
    public string? Warning { get; }

    public long StartNs => Count == 0 ? 0 : this[0].ExchangeTimeNs;

    public long EndNs => Count == 0 ? 0 : this[Count - 1].ExchangeTimeNs;

    public ref readonly MarketEvent this[int index] =>
        ref (uint)index < (uint)Count ? ref _chunks[index >> ChunkShift][index & (ChunkSize - 1)] : ref Outside(index);

    /// <summary>The events [<paramref name="from"/>, <paramref name="to"/>) of one chunk: <paramref name="from"/>'s, up to its end at most.</summary>
    public ReadOnlySpan<MarketEvent> Run(int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to, Count);
        if (from >= to)
        {
            return [];
        }

        int offset = from & (ChunkSize - 1);
        return _chunks[from >> ChunkShift].AsSpan(offset, Math.Min(to - from, ChunkSize - offset));
    }

    /// <param name="progress">Called now and then with the bytes read so far and the file's length.</param>
    public static MarketTape Load(string path, InstrumentSet instruments, Action<long, long>? progress = null)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--recording: file not found: {path}");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        RecordingReader reader;
        try
        {
            reader = new RecordingReader(stream, path, ownsStream: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        using (reader)
        {
            return Decode(reader, stream, path, instruments, progress);
        }
    }

    private static MarketTape Decode(RecordingReader reader, FileStream stream, string path, InstrumentSet instruments, Action<long, long>? progress)
    {
        long length = stream.Length;
        int[] map = [.. reader.Header.Symbols.Select(s => instruments.Find(s)?.Id ?? -1)];
        if (map.All(m => m < 0))
        {
            throw new UsageException(
                $"{path}: its symbols ({string.Join(", ", reader.Header.Symbols)}) match no enabled pair " +
                $"({string.Join(", ", instruments.All.Select(i => i.Symbol))}); map them with TradingPairs:N:SourceSymbols");
        }

        var chunks = new List<MarketEvent[]>();
        MarketEvent[] chunk = [];
        int count = 0;
        long skipped = 0;
        while (reader.TryRead(out MarketEvent ev))
        {
            int symbol = map[ev.SymbolId];
            if (symbol < 0 || ev.Kind == MarketEventKind.RawFrame)
            {
                skipped++;
                continue;
            }

            DepthLevels? levels = null;
            if (ev.HasLevels)
            {
                // Each side sized to what it holds (not both to the larger).
                levels = new DepthLevels(ev.Levels.BidCount, ev.Levels.AskCount);
                levels.CopyFrom(ev.Levels);
            }

            int slot = count & (ChunkSize - 1);
            if (slot == 0)
            {
                chunk = new MarketEvent[ChunkSize];
                chunks.Add(chunk);
                progress?.Invoke(Math.Min(length, stream.Position), length);
            }

            chunk[slot] = ev.With(symbol, levels);
            count++;
        }

        progress?.Invoke(length, length);
        return new MarketTape([.. chunks], count, reader.Header.Symbols, skipped, reader.Warning);
    }

    /// <summary>The index of the first event at or after <paramref name="timeNs"/> in recording order (Count if none).</summary>
    public int IndexAt(long timeNs)
    {
        for (int i = 0; i < Count; i++)
        {
            if (this[i].ExchangeTimeNs >= timeNs)
            {
                return i;
            }
        }

        return Count;
    }

    /// <summary>
    /// What a run starting at <paramref name="index"/> needs to trade at once: for each symbol whose book the events
    /// before it synchronise, a snapshot of that book (all levels, its last update id), so the next diff continues it.
    /// Only market data before <paramref name="index"/> is read.
    /// </summary>
    public MarketEvent[] WarmStart(int index, InstrumentSet instruments)
    {
        var books = instruments.All.Select(i => new OrderBook(i.Symbol)).ToArray();
        for (int i = 0; i < index; i++)
        {
            ref readonly MarketEvent ev = ref this[i];
            if (ev.Kind == MarketEventKind.DepthSnapshot)
            {
                books[ev.SymbolId].ApplySnapshot(ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
            }
            else if (ev.Kind == MarketEventKind.DepthDiff)
            {
                books[ev.SymbolId].ApplyDiff(ev.FirstUpdateId, ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
            }
        }

        var snapshots = new List<MarketEvent>();
        for (int s = 0; s < books.Length; s++)
        {
            OrderBook book = books[s];
            if (!book.IsSynced)
            {
                continue;
            }

            var levels = new DepthLevels(Math.Max(1, Math.Max(book.BidCount, book.AskCount)));
            foreach (PriceLevel level in book.BidsFromBest)
            {
                levels.AddBid(level);
            }

            foreach (PriceLevel level in book.AsksFromBest)
            {
                levels.AddAsk(level);
            }

            snapshots.Add(MarketEvent.DepthSnapshot(s, book.LastUpdateTimeNs, book.LastUpdateTimeNs, book.LastUpdateId, levels));
        }

        return [.. snapshots];
    }

    private ref readonly MarketEvent Outside(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"the tape holds {Count} events");
}
