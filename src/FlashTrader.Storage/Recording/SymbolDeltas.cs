namespace FlashTrader.Storage.Recording;

/// <summary>
/// The previous values of one symbol within a block, which the compact layout (format version 2) sends differences
/// against: consecutive tickers and trades of a symbol differ by a few ticks and ids, not by whole prices.
/// </summary>
internal struct SymbolDeltas
{
    public long TradePrice;
    public long TradeId;
    public long BidPrice;
    public long TickerUpdateId;
    public long DepthUpdateId;
}
