namespace FlashTrader.Core.Backtesting;

/// <summary>Closed trades of one group (a symbol, a session, a signal source) and how they did.</summary>
public sealed record BreakdownRow(
    string Key,
    int Trades,
    int Wins,
    int Losses,
    double WinRatePercent,
    decimal NetPnl,
    decimal Fees,
    double? ProfitFactor,
    decimal Expectancy,
    decimal Turnover);
