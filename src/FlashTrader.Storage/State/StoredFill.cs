namespace FlashTrader.Storage.State;

/// <summary>A fill as the journal holds it: exact decimals as text, the time in Unix nanoseconds.</summary>
public sealed record StoredFill(long TimeNs, string Symbol, string Side, string Price, string Quantity, string QuoteQuantity, string Fee,
    string FeeAsset, long OrderId, long FillId, string Liquidity, string Purpose);
