using FlashTrader.Core.Market;

namespace FlashTrader.Storage.Inspection;

/// <summary>How many events of each kind one symbol has in a recording (or an import).</summary>
public sealed class SymbolEventCounts
{
    public SymbolEventCounts(string symbol) => Symbol = symbol;

    public string Symbol { get; }

    public long Snapshot { get; private set; }

    public long Depth { get; private set; }

    public long Trade { get; private set; }

    public long BookTicker { get; private set; }

    public long Kline { get; private set; }

    public long RawFrame { get; private set; }

    public long Total => Snapshot + Depth + Trade + BookTicker + Kline + RawFrame;

    public void Add(MarketEventKind kind)
    {
        switch (kind)
        {
            case MarketEventKind.DepthSnapshot:
                Snapshot++;
                break;
            case MarketEventKind.DepthDiff:
                Depth++;
                break;
            case MarketEventKind.Trade:
                Trade++;
                break;
            case MarketEventKind.BookTicker:
                BookTicker++;
                break;
            case MarketEventKind.Kline:
                Kline++;
                break;
            case MarketEventKind.RawFrame:
                RawFrame++;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a recordable event kind");
        }
    }
}
