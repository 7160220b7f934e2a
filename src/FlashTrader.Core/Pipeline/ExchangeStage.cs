using FlashTrader.Core.Control;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Pipeline;

/// <summary>
/// The paper exchange's message handling: ticks update its replica books (and may fill resting orders), orders are
/// matched, refused intents are recorded. Reports go back as feedback, followed by a watermark whenever the decision
/// engine may be waiting for one. It is the last stage to see a tick, so it returns pooled depth buffers.
/// </summary>
public sealed class ExchangeStage(PaperExchange exchange)
{
    private readonly List<ExecutionReport> _reports = new(64);
    private long _lastTick;
    private long _lastTimeNs;

    public PaperExchange Exchange { get; } = exchange;

    /// <summary>Sequence of the last tick this stage has applied: the replay position its state corresponds to.</summary>
    public long LastTickSequence => _lastTick;

    /// <summary>
    /// Ticks up to this sequence only rebuild the replica books while orders rest: their fills are already in the
    /// restored account, so resting orders are not matched against them again.
    /// </summary>
    public long CatchUpUntil { get; set; }

    /// <summary>Every report produced, in order, for the journal (the caller drains it).</summary>
    public List<ExecutionReport> Journal { get; } = new(64);

    public void Handle(in TradingMessage message, List<ExecutionFeedback> output)
    {
        _reports.Clear();
        switch (message.Kind)
        {
            case TradingMessageKind.Tick:
                {
                    bool hadResting = Exchange.OpenOrders.Count > 0;
                    // With nothing resting, matching has nothing to fill: the full path also keeps the marks current.
                    if (message.Tick.Sequence <= CatchUpUntil && hadResting)
                    {
                        Rebuild(message.Tick.Event);
                    }
                    else
                    {
                        Exchange.OnMarketEvent(message.Tick.Event, _reports);
                    }

                    _lastTick = message.Tick.Sequence;
                    _lastTimeNs = message.Tick.ExchangeTimeNs;
                    Emit(output);
                    if (hadResting || Exchange.OpenOrders.Count > 0)
                    {
                        output.Add(ExecutionFeedback.Watermark(_lastTick));
                    }

                    if (message.Tick.Event.HasLevels)
                    {
                        message.Tick.Event.Levels.Release();
                    }

                    break;
                }

            case TradingMessageKind.Order:
                Exchange.Submit(message.Order, message.Order.DecisionTimeNs, _reports);
                Emit(output);
                output.Add(ExecutionFeedback.Watermark(_lastTick));
                break;
            case TradingMessageKind.Control when message.Command.Flattens:
                Exchange.CancelAll(_lastTimeNs, _reports);
                Emit(output);
                output.Add(ExecutionFeedback.Watermark(_lastTick));
                break;
            case TradingMessageKind.Rejected:
                Exchange.Reject(message.Order, message.Reason, message.Order.DecisionTimeNs, _reports);
                Emit(output);
                output.Add(ExecutionFeedback.Watermark(_lastTick));
                break;
        }
    }

    private void Rebuild(in MarketEvent ev)
    {
        OrderBook book = Exchange.Book(ev.SymbolId);
        if (ev.Kind == MarketEventKind.DepthSnapshot)
        {
            book.ApplySnapshot(ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
        }
        else if (ev.Kind == MarketEventKind.DepthDiff)
        {
            book.ApplyDiff(ev.FirstUpdateId, ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
        }
    }

    private void Emit(List<ExecutionFeedback> output)
    {
        foreach (ExecutionReport r in _reports)
        {
            output.Add(ExecutionFeedback.ForReport(r));
            Journal.Add(r);
        }
    }
}
