using FlashTrader.Cli;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Backtesting;

/// <summary>
/// A recording decoded once into memory, in recording order, its symbols mapped to the configured pairs exactly as the
/// replay source maps them (unmatched symbols and raw frames skipped). Each depth event owns a right-sized copy of its
/// levels that nothing writes to, so any number of backtests may read the tape at once.
/// </summary>
public sealed class MarketTape
{
    private readonly MarketEvent[] _events;

    private MarketTape(MarketEvent[] events, int count, IReadOnlyList<string> recordingSymbols, long skipped, string? warning)
    {
        _events = events;
        Count = count;
        RecordingSymbols = recordingSymbols;
        Skipped = skipped;
        Warning = warning;
    }

    public int Count { get; }

    public ReadOnlySpan<MarketEvent> Events => _events.AsSpan(0, Count);

    public IReadOnlyList<string> RecordingSymbols { get; }

    /// <summary>Events of unmatched symbols and raw frames, left out.</summary>
    public long Skipped { get; }

    /// <summary>The reader's warning (e.g. a truncated last block), if any.</summary>
    public string? Warning { get; }

    public long StartNs => Count == 0 ? 0 : _events[0].ExchangeTimeNs;

    public long EndNs => Count == 0 ? 0 : _events[Count - 1].ExchangeTimeNs;

    public ref readonly MarketEvent this[int index] => ref _events[index];

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

        var events = new MarketEvent[4_096];
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
                levels = new DepthLevels(Math.Max(1, Math.Max(ev.Levels.BidCount, ev.Levels.AskCount)));
                levels.CopyFrom(ev.Levels);
            }

            if (count == events.Length)
            {
                Array.Resize(ref events, events.Length * 2);
                progress?.Invoke(Math.Min(length, stream.Position), length);
            }

            events[count++] = ev.With(symbol, levels);
        }

        progress?.Invoke(length, length);
        return new MarketTape(events, count, reader.Header.Symbols, skipped, reader.Warning);
    }

    /// <summary>The index of the first event at or after <paramref name="timeNs"/> in recording order (Count if none).</summary>
    public int IndexAt(long timeNs)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_events[i].ExchangeTimeNs >= timeNs)
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
            ref readonly MarketEvent ev = ref _events[i];
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
}
