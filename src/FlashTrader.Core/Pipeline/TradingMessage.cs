using System.Runtime.InteropServices;
using FlashTrader.Core.Control;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Pipeline;

public enum TradingMessageKind : byte
{
    /// <summary>A market tick, passed on so every later stage sees the market in order.</summary>
    Tick = 1,

    /// <summary>An order: an intent (decision -> risk) or an approved command (risk -> exchange).</summary>
    Order = 2,

    /// <summary>An intent the risk gate refused (risk -> exchange, which records it).</summary>
    Rejected = 3,

    /// <summary>An execution report passed down in order (decision -> risk).</summary>
    Report = 4,

    /// <summary>An operator command (pause, resume, kill switch), in-band so every stage applies it at the same point.</summary>
    Control = 5,
}

/// <summary>What flows from the decision engine to the risk manager and on to the exchange, in causal order.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct TradingMessage(TradingMessageKind Kind, MarketTick Tick, OrderRequest Order, RejectReason Reason, ExecutionReport Report, ControlCommand Command = default)
{
    public static TradingMessage ForTick(in MarketTick tick) => new(TradingMessageKind.Tick, tick, default, RejectReason.None, default);

    public static TradingMessage ForOrder(in OrderRequest order) => new(TradingMessageKind.Order, default, order, RejectReason.None, default);

    public static TradingMessage ForRejected(in OrderRequest order, RejectReason reason) => new(TradingMessageKind.Rejected, default, order, reason, default);

    public static TradingMessage ForReport(in ExecutionReport report) => new(TradingMessageKind.Report, default, default, RejectReason.None, report);

    public static TradingMessage ForControl(in ControlCommand command) => new(TradingMessageKind.Control, default, default, RejectReason.None, default, command);
}
