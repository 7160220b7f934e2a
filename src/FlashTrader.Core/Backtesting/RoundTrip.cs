using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Backtesting;

/// <summary>
/// One closed long trade on a symbol: from the first buy fill on a flat position to the sell fill that makes it flat
/// again. Values are exact quote amounts; <see cref="NetPnl"/> is what the trade added to equity.
/// </summary>
public sealed record RoundTrip(
    int SymbolId,
    long EntryTimeNs,
    long ExitTimeNs,
    Fixed8 Quantity,
    decimal EntryValue,
    decimal ExitValue,
    decimal Fees,
    int EntryFills,
    int ExitFills,
    int SignalSource,
    OrderPurpose ExitPurpose)
{
    public decimal GrossPnl => ExitValue - EntryValue;

    public decimal NetPnl => ExitValue - EntryValue - Fees;

    public decimal AverageEntryPrice => Quantity.IsZero ? 0 : EntryValue / Quantity.ToDecimal();

    public decimal AverageExitPrice => Quantity.IsZero ? 0 : ExitValue / Quantity.ToDecimal();

    /// <summary>Net P&amp;L as a percentage of the quote amount paid to enter.</summary>
    public double ReturnPercent => EntryValue == 0 ? 0 : (double)(NetPnl / EntryValue * 100m);

    public long HoldingNs => ExitTimeNs - EntryTimeNs;

    /// <summary>The session the trade was entered in.</summary>
    public TradingSession Session => TradingSessions.Classify(EntryTimeNs);
}
