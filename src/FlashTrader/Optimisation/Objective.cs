using FlashTrader.Cli;
using FlashTrader.Core.Backtesting;

namespace FlashTrader.Optimisation;

/// <summary>What a search maximises: the annualised Sharpe ratio, net P&amp;L, or net P&amp;L over maximum drawdown.</summary>
public static class Objective
{
    public static readonly string[] Names = ["sharpe", "pnl", "pnl_over_dd"];

    public static string Validate(string name) =>
        Names.Contains(name, StringComparer.Ordinal) ? name : throw new UsageException($"--objective: '{name}' is not one of {string.Join(", ", Names)}");

    public static double Score(string name, PerformanceMetrics m) => name switch
    {
        "pnl" => (double)m.NetPnl,
        "pnl_over_dd" => m.PnlOverDrawdown,
        _ => m.Sharpe,
    };
}
