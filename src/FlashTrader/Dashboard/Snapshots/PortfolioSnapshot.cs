namespace FlashTrader.Dashboard.Snapshots;

/// <summary>The paper account at one instant, as the exchange stage holds it.</summary>
public sealed record PortfolioSnapshot(
    IReadOnlyList<BalanceView> Balances,
    IReadOnlyList<PositionView> Positions,
    IReadOnlyList<OrderView> Orders,
    IReadOnlyList<FillView> Fills,
    long FillCount,
    decimal Equity,
    decimal StartingEquity,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal Fees,
    DateTimeOffset PublishedAt);

public sealed record BalanceView(string Asset, decimal Free, decimal Locked, decimal Total);

/// <param name="Mark">The exchange's mid for the pair.</param>
public sealed record PositionView(string Symbol, decimal Quantity, decimal AverageEntryPrice, decimal Mark, decimal UnrealizedPnl, decimal RealizedPnl, decimal Fees);

public sealed record OrderView(long OrderId, string Symbol, string Side, string Type, string TimeInForce, string Purpose, decimal? Price, decimal Quantity, decimal Filled);

/// <param name="Liquidity">maker or taker.</param>
public sealed record FillView(long TimeMs, long FillId, long OrderId, string Symbol, string Side, string Purpose, decimal Price, decimal Quantity, decimal Fee, string Liquidity);
