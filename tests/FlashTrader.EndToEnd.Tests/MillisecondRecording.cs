using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// A copy of a recording with every exchange time cut to the millisecond: what MEXC's pushes and REST answers can
/// carry. The sample's book tickers and snapshots have sub-millisecond times (estimated from the capture host's
/// receive time), which the live path cannot see.
/// </summary>
public static class MillisecondRecording
{
    public static void Write(string source, string target)
    {
        using RecordingReader reader = RecordingReader.Open(source);
        using RecordingWriter writer = RecordingWriter.Create(target, reader.Header with { Notes = [.. reader.Header.Notes, "exchange times cut to the millisecond"] });
        while (reader.TryRead(out MarketEvent ev))
        {
            long ms = ev.ExchangeTimeNs - (ev.ExchangeTimeNs % 1_000_000);
            writer.Write(ev.Kind switch
            {
                MarketEventKind.BookTicker => MarketEvent.BookTicker(ev.SymbolId, ms, ev.LocalTimeNs, ev.BidPrice, ev.BidQuantity, ev.AskPrice, ev.AskQuantity, ev.UpdateId),
                MarketEventKind.DepthSnapshot => MarketEvent.DepthSnapshot(ev.SymbolId, ms, ev.LocalTimeNs, ev.LastUpdateId, ev.Levels),
                MarketEventKind.DepthDiff => MarketEvent.DepthDiff(ev.SymbolId, ms, ev.LocalTimeNs, ev.FirstUpdateId, ev.LastUpdateId, ev.Levels),
                MarketEventKind.Trade => MarketEvent.Trade(ev.SymbolId, ms, ev.LocalTimeNs, ev.Price, ev.Quantity, ev.Side, ev.TradeId),
                _ => throw new InvalidDataException($"{source}: a {ev.Kind} event; the sample holds depth, trades and book tickers only"),
            });
        }
    }
}
