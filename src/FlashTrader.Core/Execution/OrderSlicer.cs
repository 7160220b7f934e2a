using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Execution;

/// <summary>
/// Order splitting (execution optimisation): works a large entry, the parent, as IOC child orders sized to a share of the
/// quantity displayed at the touch, one at a time, spaced by OrderSplitting:IntervalMs of market time and priced no worse
/// than OrderSplitting:PriceLimitBps beyond the parent's arrival price (or its own limit, if tighter). Children obey the
/// pair's rules: quantity step, minimum quantity and notional (a rest too small to send on its own goes with the last
/// child). The parent has one life cycle on <see cref="OrderStateMachine"/>: NEW when taken, PARTIALLY_FILLED and FILLED
/// as its children fill, CANCELED or PARTIALLY_CANCELED when it times out, runs out of children, a child is refused, or
/// the kill switch cancels it. Children's reports become the parent's (its id, its cumulative quantity), so the
/// strategy and the risk gate only ever see the order they decided and approved; the parent sums to no more than
/// what the risk gate approved, so every child is within its limits. No allocation per event.
/// </summary>
public sealed class OrderSlicer
{
    /// <summary>Child ids are ChildIdBase + parent id × 1000 + child number (1..999): stable across replays, readable in the journal.</summary>
    public const long ChildIdBase = 1_000_000_000_000L;

    private readonly InstrumentSet _instruments;
    private readonly OrderSplittingOptions _options;
    private readonly List<Parent> _parents;
    private readonly long _intervalNs;
    private readonly long _timeoutNs;

    public OrderSlicer(InstrumentSet instruments, OrderSplittingOptions options, int capacity = 8)
    {
        _instruments = instruments;
        _options = options;
        _parents = new List<Parent>(capacity);
        _intervalNs = options.IntervalMs * 1_000_000L;
        _timeoutNs = options.TimeoutMs * 1_000_000L;
    }

    public bool Enabled => _options.Enabled;

    /// <summary>Parents being worked (each with at most one child in flight).</summary>
    public int ActiveCount => _parents.Count;

    public long ParentsStarted { get; private set; }

    public long ChildrenSent { get; private set; }

    public static bool IsChild(long orderId) => orderId >= ChildIdBase;

    public static long ParentOf(long childId) => (childId - ChildIdBase) / 1000;

    /// <summary>True when this approved order is worked as a parent: an entry with a quantity, large enough at <paramref name="arrival"/>.</summary>
    public bool Qualifies(in OrderRequest order, Fixed8 arrival) =>
        _options.Enabled && order.Purpose == OrderPurpose.Entry && order.Trigger == StopKind.None && order.QuoteQuantity.IsZero
        && order.Type is OrderType.Limit or OrderType.Market && order.OrderId < ChildIdBase / 1000 && arrival.IsPositive
        && Fixed8.Multiply(arrival, order.Quantity) >= _options.MinParentNotional;

    /// <summary>Takes a parent at its arrival price (the touch it would trade against); reports it NEW.</summary>
    public void Start(in OrderRequest parent, Fixed8 arrival, long nowNs, List<ExecutionReport> reports)
    {
        Instrument instrument = _instruments[parent.SymbolId];
        decimal factor = 1 + ((parent.Side == Side.Buy ? 1 : -1) * (decimal)_options.PriceLimitBps / 10_000m);
        Fixed8 limit = Fixed8.RoundFromDecimal(arrival.ToDecimal() * factor);
        limit = parent.Side == Side.Buy ? limit.TruncateTo(instrument.PriceDecimals) : limit.CeilingTo(instrument.PriceDecimals);
        if (parent.Type == OrderType.Limit)
        {
            limit = parent.Side == Side.Buy ? Fixed8.Min(limit, parent.Price) : Fixed8.Max(limit, parent.Price);
        }

        var p = new Parent { Order = parent, Limit = limit, Status = OrderStatus.PendingNew, DeadlineNs = nowNs + _timeoutNs, NextChildNs = nowNs };
        OrderStateMachine.Advance(ref p.Status, OrderStatus.New, parent.OrderId);
        _parents.Add(p);
        ParentsStarted++;
        reports.Add(Report(p, OrderStatus.New, default, nowNs));
    }

    /// <summary>
    /// After the book of <paramref name="symbolId"/> moved: each of its parents with no child in flight whose interval has
    /// passed sends its next child if the touch is within its limit; a parent past its deadline (or out of children) is
    /// canceled instead.
    /// </summary>
    public void OnBook(int symbolId, OrderBook book, long nowNs, List<OrderRequest> children, List<ExecutionReport> reports)
    {
        for (int i = _parents.Count - 1; i >= 0; i--)
        {
            Parent p = _parents[i];
            if (p.Order.SymbolId != symbolId || p.ChildInFlight != 0)
            {
                continue;
            }

            if (p.Canceling || nowNs >= p.DeadlineNs || p.Children >= _options.MaxChildren)
            {
                Finish(i, nowNs, reports);
                continue;
            }

            if (nowNs < p.NextChildNs || !book.IsTradeable)
            {
                continue;
            }

            PriceLevel touch = p.Order.Side == Side.Buy ? book.BestAsk : book.BestBid;
            if (p.Order.Side == Side.Buy ? touch.Price > p.Limit : touch.Price < p.Limit)
            {
                continue; // the market ran beyond the limit: wait for it to come back (or the deadline)
            }

            Fixed8 quantity = ChildQuantity(p, touch);
            if (!quantity.IsPositive)
            {
                Finish(i, nowNs, reports); // the rest is below what the pair accepts
                continue;
            }

            p.Children++;
            p.ChildInFlight = ChildIdBase + (p.Order.OrderId * 1000) + p.Children;
            p.NextChildNs = nowNs + _intervalNs;
            _parents[i] = p;
            ChildrenSent++;
            children.Add(p.Order with
            {
                OrderId = p.ChildInFlight,
                Type = OrderType.Limit,
                TimeInForce = TimeInForce.Ioc,
                Price = p.Limit,
                Quantity = quantity,
                DecisionTimeNs = nowNs,
            });
        }
    }

    /// <summary>
    /// The size of the next child: the touch share, within the min and max child notional, on the pair's quantity step,
    /// taking the whole rest when what would remain is too small to send on its own; zero when the rest itself is.
    /// </summary>
    private Fixed8 ChildQuantity(in Parent p, PriceLevel touch)
    {
        Instrument instrument = _instruments[p.Order.SymbolId];
        int step = instrument.QuantityDecimals;
        Fixed8 rest = p.Order.Quantity - p.Filled;
        Fixed8 smallest = Fixed8.Max(instrument.MinQuantity, NotionalQuantity(Math.Max(_options.MinChildNotional, instrument.MinNotional), touch.Price, step, up: true));
        if (rest < smallest)
        {
            return default;
        }

        Fixed8 quantity = Fixed8.FromRaw((long)(touch.Quantity.Raw * _options.TouchShare)).TruncateTo(step);
        if (_options.MaxChildNotional > 0)
        {
            quantity = Fixed8.Min(quantity, NotionalQuantity(_options.MaxChildNotional, touch.Price, step, up: false));
        }

        quantity = Fixed8.Max(quantity, smallest);
        return rest - quantity < smallest ? rest : quantity;
    }

    /// <summary>The quantity worth <paramref name="notional"/> at <paramref name="price"/>, on the step, rounded up or down.</summary>
    private static Fixed8 NotionalQuantity(decimal notional, Fixed8 price, int step, bool up)
    {
        if (notional <= 0 || !price.IsPositive)
        {
            return default;
        }

        Fixed8 q = Fixed8.RoundFromDecimal(notional / price.ToDecimal());
        return up ? q.CeilingTo(step) : q.TruncateTo(step);
    }

    /// <summary>
    /// Takes a child's report: false when <paramref name="report"/> is not a child's. A fill becomes the parent's fill
    /// (PARTIALLY_FILLED, or FILLED when it completes the parent); a child's end lets the next go, and a refused child ends
    /// the parent.
    /// </summary>
    public bool OnReport(in ExecutionReport report, List<ExecutionReport> parentReports)
    {
        if (!IsChild(report.OrderId))
        {
            return false;
        }

        int i = IndexOfChild(report.OrderId);
        if (i < 0)
        {
            return true; // a child of a parent already final: nothing of it can fill any more (IOC, ended)
        }

        Parent p = _parents[i];
        if (report.IsFill)
        {
            p.Filled += report.LastQuantity;
            OrderStatus next = p.Filled >= p.Order.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
            OrderStateMachine.Advance(ref p.Status, next, p.Order.OrderId);
            parentReports.Add(report with { OrderId = p.Order.OrderId, Status = next, CumulativeQuantity = p.Filled, OrderQuantity = p.Order.Quantity });
        }

        bool childFinal = report.Status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.PartiallyCanceled or OrderStatus.Rejected;
        if (childFinal)
        {
            p.ChildInFlight = 0;
            if (report.Status == OrderStatus.Rejected)
            {
                p.Canceling = true;
                p.RejectReason = report.RejectReason;
            }
        }

        _parents[i] = p;
        if (p.Status == OrderStatus.Filled)
        {
            _parents.RemoveAt(i);
        }
        else if (childFinal && p.Canceling)
        {
            Finish(i, report.TimeNs, parentReports);
        }

        return true;
    }

    /// <summary>
    /// Cancels every parent (the kill switch, a breaker's flatten): no further child is sent; a parent whose child is in
    /// flight ends when that child's report comes back (its fills still count), the others end now.
    /// </summary>
    public void CancelAll(long nowNs, List<ExecutionReport> reports)
    {
        for (int i = _parents.Count - 1; i >= 0; i--)
        {
            Parent p = _parents[i];
            p.Canceling = true;
            _parents[i] = p;
            if (p.ChildInFlight == 0)
            {
                Finish(i, nowNs, reports);
            }
        }
    }

    private void Finish(int index, long nowNs, List<ExecutionReport> reports)
    {
        Parent p = _parents[index];
        _parents.RemoveAt(index);
        OrderStatus end = p.Filled.IsPositive ? OrderStatus.PartiallyCanceled : OrderStatus.Canceled;
        OrderStateMachine.Advance(ref p.Status, end, p.Order.OrderId);
        reports.Add(Report(p, end, p.RejectReason, nowNs));
    }

    private int IndexOfChild(long childId)
    {
        for (int i = 0; i < _parents.Count; i++)
        {
            if (_parents[i].ChildInFlight == childId)
            {
                return i;
            }
        }

        return -1;
    }

    private static ExecutionReport Report(in Parent p, OrderStatus status, RejectReason reason, long nowNs) =>
        new(p.Order.OrderId, p.Order.SymbolId, p.Order.Side, status, p.Order.Purpose, reason, 0, default, default, 0m, Liquidity.None,
            p.Filled, p.Order.Quantity, nowNs, p.Order.TickSequence)
        { StrategyId = p.Order.StrategyId };

    private struct Parent
    {
        public OrderRequest Order;
        public Fixed8 Limit;
        public Fixed8 Filled;
        public OrderStatus Status;
        public long DeadlineNs;
        public long NextChildNs;
        public int Children;
        public long ChildInFlight;
        public bool Canceling;
        public RejectReason RejectReason;
    }
}
