namespace FlashTrader.Backtesting;

/// <summary>What a backtest was asked to do, as recorded in its report.</summary>
public sealed record BacktestRunInfo(string Recording, int Seed, IReadOnlyList<string> Settings);
