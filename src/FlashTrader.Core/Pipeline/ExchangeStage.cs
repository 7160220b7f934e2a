using FlashTrader.Core.Control;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Pipeline;

/// <summary>
/// The paper exchange's message handling: ticks advance market time (releasing orders whose entry leg has ended and
/// reports whose response leg has), update its replica books and may fill resting orders; orders are sent, refused
/// intents are recorded. Reports go back as feedback, followed by a watermark whenever the decision engine may be
/// waiting for one: after every tick while anything is resting, in flight or on its way back, so a decision stage
/// waiting on an order in flight is released tick by tick until the order's reports arrive. It is the last stage to
/// see a tick, so it returns pooled depth buffers.
/// </summary>
public sealed class ExchangeStage
{
    private readonly List<ExecutionReport> _reports = new(64);
    private readonly List<OrderRequest> _stopOrders = new(8);
    private readonly List<OrderRequest> _children = new(8);
    private readonly List<ExecutionReport> _parentReports = new(8);
    private long _lastTick;
    private long _lastTimeNs;

    /// <param name="exchange">The paper exchange.</param>
    /// <param name="slicer">Order splitting (null: off, every order is sent whole).</param>
    public ExchangeStage(PaperExchange exchange, OrderSlicer? slicer = null)
    {
        Exchange = exchange;
        Slicer = slicer;
        exchange.JournalTo(Journal);
    }

    /// <summary>Order splitting, when on: large entries are worked as children sized to the touch.</summary>
    public OrderSlicer? Slicer { get; }

    public PaperExchange Exchange { get; }

    /// <summary>Stop-loss, take-profit and trailing-stop orders armed on our side (orders with a trigger).</summary>
    public ClientStops Stops { get; } = new();

    /// <summary>
    /// False: every tick takes the full path (the specs compare the two); true, the default, a book ticker with nothing
    /// working takes <see cref="PaperExchange.TryPassQuiet"/>.
    /// </summary>
    internal bool PassesQuietTicks { get; set; } = true;

    /// <summary>Work this stage holds beside the paper exchange's: armed stops, parents being sliced.</summary>
    private bool HasOwnWork => Stops.Count > 0 || Slicer?.ActiveCount > 0;

    /// <summary>Sequence of the last tick this stage has applied: the replay position its state corresponds to.</summary>
    public long LastTickSequence => _lastTick;

    /// <summary>
    /// Ticks up to this sequence only rebuild the replica books while orders rest: their fills are already in the
    /// restored account, so resting orders are not matched against them again.
    /// </summary>
    public long CatchUpUntil { get; set; }

    /// <summary>
    /// Every report as the exchange produced it, in order, for the journal (the caller drains it): a fill is journaled
    /// when it changes the balances, not when its report reaches the strategy, so a saved state never holds a fill its
    /// journal lacks.
    /// </summary>
    public List<ExecutionReport> Journal { get; } = new(64);

    public void Handle(in TradingMessage message, List<ExecutionFeedback> output)
    {
        _reports.Clear();
        switch (message.Kind)
        {
            case TradingMessageKind.Tick:
                OnTick(message.Tick, output);
                break;
            case TradingMessageKind.Order when message.Order.Trigger != StopKind.None:
                Stops.Arm(message.Order);
                output.Add(ExecutionFeedback.Watermark(_lastTick));
                break;
            case TradingMessageKind.Order when Slicer is not null && Slicer.Qualifies(message.Order, Arrival(message.Order)):
                Slicer.Start(message.Order, Arrival(message.Order), Exchange.LastSeenNs, _parentReports);
                JournalParents();
                SendChildren(message.Order.SymbolId);
                Emit(output);
                output.Add(ExecutionFeedback.Watermark(_lastTick));
                break;
            case TradingMessageKind.Order:
                // Sent when the strategy saw the tick that caused it: the exchange has just handled that tick.
                Exchange.Submit(message.Order, Exchange.LastSeenNs, _reports);
                Emit(output);
                output.Add(ExecutionFeedback.Watermark(_lastTick));
                break;
            case TradingMessageKind.Control when message.Command.Flattens:
                Exchange.CancelAll(_lastTimeNs, _reports);
                if (Slicer is not null)
                {
                    // Parents with a child in flight end when its report comes back (in Emit below).
                    Slicer.CancelAll(_lastTimeNs, _parentReports);
                    JournalParents();
                }

                _stopOrders.Clear();
                Stops.CancelAll(_stopOrders);
                foreach (OrderRequest stop in _stopOrders)
                {
                    var canceled = new ExecutionReport(stop.OrderId, stop.SymbolId, stop.Side, OrderStatus.Canceled, stop.Purpose, RejectReason.None, 0,
                        default, default, 0, Liquidity.None, default, stop.Quantity, _lastTimeNs, stop.TickSequence);
                    Journal.Add(canceled);
                    _reports.Add(canceled);
                }

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

    /// <summary>
    /// A tick: advances market time (releasing orders and reports whose legs have ended), updates the replica books,
    /// matches resting orders and armed stops; what <see cref="Handle"/> does with a tick message.
    /// </summary>
    public void OnTick(in MarketTick tick, List<ExecutionFeedback> output)
    {
        if (PassesQuietTicks && !HasOwnWork && !tick.EventRef.HasLevels && Exchange.TryPassQuiet(tick.EventRef))
        {
            // A book ticker with nothing working: no report, no stop, no child, no watermark, no buffer to return.
            _lastTick = tick.Sequence;
            _lastTimeNs = tick.ExchangeTimeNs;
            return;
        }

        _reports.Clear();
        bool hadWork = Exchange.HasPendingWork || HasOwnWork;
        // With nothing resting, matching has nothing to fill: the full path also keeps the marks current.
        if (tick.Sequence <= CatchUpUntil && Exchange.OpenOrders.Count > 0)
        {
            Exchange.RebuildBook(tick.EventRef);
        }
        else
        {
            Exchange.OnMarketEvent(tick.EventRef, _reports);
        }

        _lastTick = tick.Sequence;
        _lastTimeNs = tick.ExchangeTimeNs;
        // Both only when there is something to do: their temporaries are zeroed on every call, and most ticks have none.
        if (Stops.Count > 0 && tick.FeaturesRef.Tradeable)
        {
            TriggerStops(tick);
        }

        if (_reports.Count > 0)
        {
            Emit(output);
        }
        if (Slicer?.ActiveCount > 0)
        {
            SendChildren(tick.SymbolId);
            Emit(output);
        }

        if (hadWork || Exchange.HasPendingWork || HasOwnWork)
        {
            output.Add(ExecutionFeedback.Watermark(_lastTick));
        }

        if (tick.EventRef.HasLevels)
        {
            tick.EventRef.Levels.Release();
        }
    }

    /// <summary>Stops watch the touch as the strategy sees it (book ticker included); a triggered one is sent at once.</summary>
    private void TriggerStops(in MarketTick tick)
    {
        _stopOrders.Clear();
        Stops.OnTouch(tick.SymbolId, tick.FeaturesRef.BestBid, tick.FeaturesRef.BestAsk, Exchange.LastSeenNs, _stopOrders);
        foreach (OrderRequest order in _stopOrders)
        {
            Exchange.Submit(order, Exchange.LastSeenNs, _reports);
        }
    }

    /// <summary>The touch a parent would trade against on arrival (0 while the replica book cannot be traded).</summary>
    private Fixed8 Arrival(in OrderRequest order)
    {
        OrderBook book = Exchange.Book(order.SymbolId);
        return !book.IsTradeable ? default : order.Side == Side.Buy ? book.BestAsk.Price : book.BestBid.Price;
    }

    /// <summary>Sends the children the parents on this symbol are due (after their previous child's report was taken).</summary>
    private void SendChildren(int symbolId)
    {
        _children.Clear();
        Slicer!.OnBook(symbolId, Exchange.Book(symbolId), Exchange.LastSeenNs, _children, _parentReports);
        JournalParents();
        foreach (OrderRequest child in _children)
        {
            Exchange.Submit(child, Exchange.LastSeenNs, _reports);
        }
    }

    /// <summary>
    /// Moves the parents' own transitions to the reports and the journal. The journal gets them without fill details: the
    /// fill itself is journaled once, as the child's.
    /// </summary>
    private void JournalParents()
    {
        foreach (ExecutionReport r in _parentReports)
        {
            _reports.Add(r);
            Journal.Add(r.IsFill ? r with { FillId = 0, LastPrice = default, LastQuantity = default, Fee = 0m, Liquidity = Liquidity.None } : r);
        }

        _parentReports.Clear();
    }

    /// <summary>
    /// Sends this step's reports back and clears them. A child's report goes to its parent instead: the strategy and the
    /// risk gate hear of the parent (the order they decided and approved) only.
    /// </summary>
    private void Emit(List<ExecutionFeedback> output)
    {
        for (int i = 0; i < _reports.Count; i++)
        {
            ExecutionReport r = _reports[i];
            if (Slicer is not null && Slicer.OnReport(r, _parentReports))
            {
                foreach (ExecutionReport parent in _parentReports)
                {
                    output.Add(ExecutionFeedback.ForReport(parent));
                    Journal.Add(parent.IsFill ? parent with { FillId = 0, LastPrice = default, LastQuantity = default, Fee = 0m, Liquidity = Liquidity.None } : parent);
                }

                _parentReports.Clear();
                continue;
            }

            output.Add(ExecutionFeedback.ForReport(r));
        }

        _reports.Clear();
    }
}
