using System.Globalization;
using FlashTrader.Core.Backtesting;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Time;
using FlashTrader.Reporting;

namespace FlashTrader.Backtesting;

/// <summary>trades.csv (closed round trips) and equity.csv (the sampled equity with its drawdown), invariant culture.</summary>
public static class BacktestCsv
{
    public const string TradesHeader =
        "symbol,entryTime,exitTime,quantity,averageEntryPrice,averageExitPrice,entryValue,exitValue,fees,netPnl,returnPercent,holdingSeconds,session,signalSource,exitReason,entryFills,exitFills";

    public const string EquityHeader = "time,equity,drawdown,drawdownPercent";

    public static void WriteTrades(string path, BacktestResult result, InstrumentSet instruments)
    {
        using var w = new StreamWriter(path, false, BacktestReport.Utf8) { NewLine = "\n" };
        w.WriteLine(TradesHeader);
        foreach (RoundTrip t in result.Trips)
        {
            w.WriteLine(string.Join(',',
                instruments[t.SymbolId].Symbol,
                EpochTimestamp.ToIso8601(t.EntryTimeNs),
                EpochTimestamp.ToIso8601(t.ExitTimeNs),
                t.Quantity.ToString(),
                RunSummary.Money(decimal.Round(t.AverageEntryPrice, 8)),
                RunSummary.Money(decimal.Round(t.AverageExitPrice, 8)),
                RunSummary.Money(t.EntryValue),
                RunSummary.Money(t.ExitValue),
                RunSummary.Money(t.Fees),
                RunSummary.Money(t.NetPnl),
                BacktestReport.Invariant(Math.Round(t.ReturnPercent, 6)),
                BacktestReport.Seconds(t.HoldingNs),
                TradingSessions.Name(t.Session),
                BacktestReport.Csv(BacktestReport.SourceName(result, t.SignalSource)),
                ExitReason(t.ExitPurpose),
                t.EntryFills.ToString(CultureInfo.InvariantCulture),
                t.ExitFills.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public static void WriteEquity(string path, BacktestResult result)
    {
        using var w = new StreamWriter(path, false, BacktestReport.Utf8) { NewLine = "\n" };
        w.WriteLine(EquityHeader);
        decimal peak = decimal.MinValue;
        foreach (EquityPoint p in result.Equity)
        {
            peak = Math.Max(peak, p.Equity);
            decimal drawdown = peak - p.Equity;
            double percent = peak > 0 ? (double)(drawdown / peak) * 100 : 0;
            w.WriteLine(string.Join(',', EpochTimestamp.ToIso8601(p.TimeNs), RunSummary.Money(p.Equity), RunSummary.Money(drawdown), BacktestReport.Invariant(Math.Round(percent, 6))));
        }
    }

    public static string ExitReason(OrderPurpose purpose) => purpose switch
    {
        OrderPurpose.TakeProfit => "takeProfit",
        OrderPurpose.StopLoss => "stopLoss",
        OrderPurpose.SignalExit => "signalExit",
        OrderPurpose.Flatten => "flatten",
        _ => purpose.ToString(),
    };
}
