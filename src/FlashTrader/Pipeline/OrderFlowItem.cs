using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;

namespace FlashTrader.Pipeline;

public enum OrderFlowKind : byte
{
    /// <summary>A market tick, read in place in the signals batch the signal generator built it in.</summary>
    Tick = 1,

    /// <summary>An order, verdict, report or operator command, in a pooled batch of messages.</summary>
    Message = 2,

    /// <summary>The end of a batch's use: the exchange stage, the last to read it, hands it back to its pool.</summary>
    Release = 3,
}

/// <summary>
/// What the hosted pipeline passes from the decision engine through the risk gate to the paper exchange: a reference
/// (24 bytes) instead of a whole <see cref="TradingMessage"/> (472 bytes, most of it a copy of the tick) per tick and
/// per hop. A tick stays where the signal generator built it and each stage reads it there; the rarer messages live
/// in small pooled batches of <see cref="TradingMessage"/>. Each batch referred to is followed, after the last item
/// referring to it, by a <see cref="OrderFlowKind.Release"/> item: the stages handle items in order, so when the
/// exchange stage reaches it nothing reads the batch any more and it goes back to its pool.
/// </summary>
public readonly struct OrderFlowItem
{
    private readonly Batch<SignalTick>? _ticks;
    private readonly Batch<TradingMessage>? _messages;
    private readonly int _index;

    private OrderFlowItem(OrderFlowKind kind, Batch<SignalTick>? ticks, Batch<TradingMessage>? messages, int index)
    {
        Kind = kind;
        _ticks = ticks;
        _messages = messages;
        _index = index;
    }

    public OrderFlowKind Kind { get; }

    /// <summary>The tick of a <see cref="OrderFlowKind.Tick"/> item, by reference into its signals batch.</summary>
    public ref readonly MarketTick Tick => ref _ticks!.Items[_index].Tick;

    /// <summary>The message of a <see cref="OrderFlowKind.Message"/> item, by reference into its batch.</summary>
    public ref readonly TradingMessage Message => ref _messages!.Items[_index];

    public static OrderFlowItem ForTick(Batch<SignalTick> ticks, int index) => new(OrderFlowKind.Tick, ticks, null, index);

    public static OrderFlowItem ForMessage(Batch<TradingMessage> messages, int index) => new(OrderFlowKind.Message, null, messages, index);

    public static OrderFlowItem ReleaseOf(Batch<SignalTick> ticks) => new(OrderFlowKind.Release, ticks, null, 0);

    public static OrderFlowItem ReleaseOf(Batch<TradingMessage> messages) => new(OrderFlowKind.Release, null, messages, 0);

    /// <summary>
    /// True for a batch of nothing but releases: a warm pass after the decision engine (<see cref="WarmPass"/>), or,
    /// rarely, the tail of a real input batch whose outputs filled the batch before; either way no tick and no message.
    /// </summary>
    public static bool IsReleasesOnly(Batch<OrderFlowItem> batch) => batch.Count == 0 || batch.Items[0].Kind == OrderFlowKind.Release;

    /// <summary>Hands the batch of a <see cref="OrderFlowKind.Release"/> item back to its pool.</summary>
    public void Release()
    {
        _ticks?.Return();
        _messages?.Return();
    }
}
