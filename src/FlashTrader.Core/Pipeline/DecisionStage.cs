using FlashTrader.Core.Control;
using FlashTrader.Core.Decisions;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Signals;

namespace FlashTrader.Core.Pipeline;

/// <summary>
/// The decision engine's message handling, shared by the hosted pipeline and the synchronous driver: each tick is
/// passed on, followed by the order it caused; each report from the exchange is applied and passed on to risk.
/// </summary>
public sealed class DecisionStage(DecisionEngine engine)
{
    private readonly List<OrderRequest> _flatten = new(4);

    public DecisionEngine Engine { get; } = engine;

    /// <summary>Sequence of the newest exchange watermark seen.</summary>
    public long Watermark { get; private set; }

    /// <summary>True while the engine must hear from the exchange before deciding on <paramref name="tickSequence"/>.</summary>
    public bool MustWaitFor(long tickSequence) => Engine.Account.WorkingOrders > 0 && Watermark < tickSequence - 1;

    /// <summary>Ticks up to this sequence are only observed, never decided on: their decisions are already journaled.</summary>
    public long CatchUpUntil { get; set; }

    public void OnTick(in SignalTick item, List<TradingMessage> output)
    {
        output.Add(TradingMessage.ForTick(item.Tick));
        if (Decide(item.Tick, item.Signals, out OrderRequest order))
        {
            output.Add(TradingMessage.ForOrder(order));
        }
    }

    /// <summary>
    /// What <see cref="OnTick"/> does, without wrapping the tick in a message: the synchronous driver passes the tick on
    /// itself, by reference. True when the tick caused an order.
    /// </summary>
    public bool Decide(in MarketTick tick, in SignalSet signals, out OrderRequest order)
    {
        if (tick.Sequence <= CatchUpUntil)
        {
            Engine.Observe(tick, signals);
            order = default;
            return false;
        }

        return Engine.TryDecide(tick, signals, out order);
    }

    /// <summary>
    /// Passes an operator command on ahead of anything it causes: for the kill switch and a breaker's flatten, the flattening market sells follow
    /// it, so the exchange cancels working orders (releasing their funds) before it sells.
    /// </summary>
    public void OnControl(in ControlCommand command, List<TradingMessage> output)
    {
        if (command is { Action: ControlAction.ChangeStrategy, Strategy: { } change })
        {
            change.Apply(Engine);
        }

        output.Add(TradingMessage.ForControl(command));
        if (!command.Flattens)
        {
            return;
        }

        _flatten.Clear();
        Engine.Flatten(_flatten);
        foreach (OrderRequest order in _flatten)
        {
            output.Add(TradingMessage.ForOrder(order));
        }
    }

    public void OnFeedback(in ExecutionFeedback feedback, List<TradingMessage> output)
    {
        if (feedback.IsWatermark)
        {
            Watermark = Math.Max(Watermark, feedback.Sequence);
            return;
        }

        OnReport(feedback.Report, output);
    }

    /// <summary>A report (rarer than a watermark, and its message is ~470 bytes to build): applied and passed on.</summary>
    private void OnReport(in ExecutionReport report, List<TradingMessage> output)
    {
        Engine.OnReport(report);
        output.Add(TradingMessage.ForReport(report));
    }
}
