using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Core.Tests.TestData;

/// <summary>
/// The bundled real sample (samples/binance-btc-eth-2024-08-08.ftrec: Binance spot BTCUSDT and ETHUSDT from the shared
/// data), read once into memory with its recorded symbols mapped onto the configured pairs, each depth event owning its
/// levels, so specs can replay it any number of times without the reader's own work in their measurements.
/// </summary>
internal static class SampleRecording
{
    public const string FileName = "binance-btc-eth-2024-08-08.ftrec";

    private static readonly Lazy<string> PathValue = new(Find);

    public static string Path => PathValue.Value;

    public static IReadOnlyList<MarketEvent> Load(InstrumentSet instruments)
    {
        using RecordingReader reader = RecordingReader.Open(Path);
        int[] map = [.. reader.Header.Symbols.Select(s => instruments.Find(s)?.Id ?? -1)];
        var events = new List<MarketEvent>(200_000);
        while (reader.TryRead(out MarketEvent ev))
        {
            int symbol = map[ev.SymbolId];
            if (symbol < 0 || ev.Kind == MarketEventKind.RawFrame)
            {
                continue;
            }

            DepthLevels? levels = null;
            if (ev.HasLevels)
            {
                levels = new DepthLevels(Math.Max(1, Math.Max(ev.Levels.BidCount, ev.Levels.AskCount)));
                levels.CopyFrom(ev.Levels);
            }

            events.Add(ev.With(symbol, levels));
        }

        reader.TruncatedTail.Should().BeFalse();
        return events;
    }

    /// <summary>
    /// The same market replayed again straight after itself, <paramref name="repeat"/> times over: clocks shifted past
    /// the sample's end and each symbol's update ids shifted so its first diff continues where the previous pass's last
    /// one stopped. The snapshots are left out: the books are already in sync, and a snapshot older than the diffs
    /// already applied would rewind them.
    /// </summary>
    public static IReadOnlyList<MarketEvent> Continuation(IReadOnlyList<MarketEvent> events, int repeat)
    {
        long spanNs = events.Max(e => e.ExchangeTimeNs) - events.Min(e => e.ExchangeTimeNs) + 1_000_000_000L;
        var idSpan = new Dictionary<int, long>();
        foreach (IGrouping<int, MarketEvent> diffs in events.Where(e => e.Kind == MarketEventKind.DepthDiff).GroupBy(e => e.SymbolId))
        {
            idSpan[diffs.Key] = diffs.Last().LastUpdateId - diffs.First().FirstUpdateId + 1;
        }

        var result = new List<MarketEvent>(events.Count * repeat);
        for (int pass = 1; pass <= repeat; pass++)
        {
            foreach (MarketEvent e in events)
            {
                if (e.Kind != MarketEventKind.DepthSnapshot)
                {
                    result.Add(Shift(e, pass * spanNs, pass * idSpan.GetValueOrDefault(e.SymbolId)));
                }
            }
        }

        return result;
    }

    private static MarketEvent Shift(in MarketEvent e, long ns, long ids) => e.Kind switch
    {
        MarketEventKind.DepthDiff => MarketEvent.DepthDiff(e.SymbolId, e.ExchangeTimeNs + ns, e.LocalTimeNs + ns, e.FirstUpdateId + ids, e.LastUpdateId + ids, e.Levels),
        MarketEventKind.Trade => MarketEvent.Trade(e.SymbolId, e.ExchangeTimeNs + ns, e.LocalTimeNs + ns, e.Price, e.Quantity, e.Side, e.TradeId),
        MarketEventKind.BookTicker => MarketEvent.BookTicker(e.SymbolId, e.ExchangeTimeNs + ns, e.LocalTimeNs + ns, e.BidPrice, e.BidQuantity, e.AskPrice, e.AskQuantity, e.UpdateId + ids),
        _ => throw new NotSupportedException($"the sample holds no {e.Kind} events"),
    };

    /// <summary>Walks up from the test assembly to the repository that holds samples/.</summary>
    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "samples", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"samples/{FileName} not found above {AppContext.BaseDirectory}");
    }
}
