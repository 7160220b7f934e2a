namespace FlashTrader.Backtesting;

/// <summary>The account's equity at an instant, valued at the marks of that instant.</summary>
public readonly record struct EquityPoint(long TimeNs, decimal Equity);

/// <summary>A symbol's mid price at an instant (the price chart of the report).</summary>
public readonly record struct PricePoint(long TimeNs, int SymbolId, decimal Mid);
