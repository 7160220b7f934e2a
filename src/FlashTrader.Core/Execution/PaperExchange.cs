using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;

namespace FlashTrader.Core.Execution;

/// <summary>
/// The paper exchange behind PaperTradingSystem: its own replica of each book (built from the same market events),
/// balances, and MEXC's order types — MARKET (by quantity or quote amount), LIMIT (GTC), LIMIT_MAKER,
/// IMMEDIATE_OR_CANCEL, FILL_OR_KILL — refused as MEXC refuses them (precision, minimum quantity and value, balance).
/// <para>Latency: an order reaches the matching engine an entry leg after it was sent and is matched against the book
/// as it is then; every report reaches the strategy a response leg after the engine produced it. Both legs travel in
/// time-ordered queues released as market time passes, so the exchange needs no clock of its own.</para>
/// <para>Aggressive orders take the displayed levels in price order (a buy of 2 against asks 0.5 @ 100 and 3 @ 101
/// fills 0.5 @ 100 and 1.5 @ 101) and never reuse liquidity our fills already took from the same state of a level;
/// configured slippage applies on top only when enabled. Resting orders join the queue behind the displayed size at
/// their price and fill as maker when trades consume the queue ahead (<see cref="QueueModel"/>), or when the other
/// side of the book crosses their price. Fees are charged in the quote asset at the pair's taker/maker rate.</para>
/// </summary>
public sealed class PaperExchange
{
    /// <summary>The most feed latency taken as real (1 s): a larger gap between local and exchange time is a clock offset, not latency.</summary>
    public const long MaxFeedLatencyNs = 1_000_000_000;

    private readonly InstrumentSet _instruments;
    private readonly PaperTradingOptions _options;
    private readonly OrderBook[] _books;
    private readonly List<ExecutionReport> _arrivedEarly = new(8);
    private bool _booksShared;
    private long _marketEvents;
    private readonly PositionLedger[] _positions;
    private readonly int[] _baseAsset;
    private readonly int[] _quoteAsset;
    private readonly List<RestingOrder> _resting = new(16);
    private readonly ConsumedLiquidity[] _consumed;
    private readonly Random _random;
    private readonly Random _queueRandom;
    private readonly QueueModel _queueModel;
    private readonly LatencyModel _latency;
    private readonly TimedQueue<OrderRequest> _inFlight = new();
    private readonly TimedQueue<ExecutionReport> _outbound = new();
    private long _seenNs;
    private List<ExecutionReport>? _journal;
    private readonly decimal _slippage;
    private readonly Fixed8[] _marks;
    private readonly RejectionCounts _rejections = new();
    private readonly Fixed8[] _startingMarks;
    private decimal[] _startingBalances;
    private Leg[] _legs = new Leg[64];
    private long _nextFillId = 1;

    /// <summary>
    /// An exchange filling by <paramref name="execution"/>'s latency and queue model; without one, the instant model:
    /// no latency, and a resting order is first in line at its price (Touch).
    /// </summary>
    public PaperExchange(InstrumentSet instruments, PaperTradingOptions options, ExecutionOptions? execution = null)
    {
        _instruments = instruments;
        _options = options;
        _books = [.. instruments.All.Select(i => new OrderBook(i.Symbol))];
        _marks = new Fixed8[_books.Length];
        _startingMarks = new Fixed8[_books.Length];
        _positions = [.. instruments.All.Select(_ => new PositionLedger())];
        Wallet = new Wallet(instruments.Assets);
        _baseAsset = [.. instruments.All.Select(i => Wallet.IndexOf(i.BaseAsset))];
        _quoteAsset = [.. instruments.All.Select(i => Wallet.IndexOf(i.QuoteAsset))];
        _consumed = [.. instruments.All.Select(_ => new ConsumedLiquidity())];
        _random = new Random(options.Seed);
        _queueRandom = new Random(options.Seed);
        _queueModel = execution is null ? QueueModel.Touch : QueueModelText.Parse(execution.QueueModel);
        _latency = execution is null ? LatencyModel.None : new LatencyModel(execution.Latency);
        _slippage = options.SimulateSlippage ? (decimal)options.SlippageBps / 10_000m : 0m;
        foreach ((string asset, decimal amount) in options.InitialBalance)
        {
            if (instruments.Assets.Contains(asset, StringComparer.Ordinal))
            {
                Wallet.Set(Wallet.IndexOf(asset), amount, 0);
            }
        }

        _startingBalances = SnapshotBalances();
    }

    /// <summary>Balances at the start of this run valued at each symbol's first mark (0 for a base never marked).</summary>
    public decimal StartingEquity => ValueAt(_startingBalances, _startingMarks);

    /// <summary>Balances now valued at the latest marks.</summary>
    public decimal Equity => ValueAt(SnapshotBalances(), _marks);

    public decimal RealizedPnl => _positions.Sum(p => p.RealizedPnl);

    public decimal Fees => _positions.Sum(p => p.Fees);

    public decimal UnrealizedPnl => _positions.Select((p, i) => p.UnrealizedPnl(_marks[i])).Sum();

    private decimal[] SnapshotBalances() => [.. Wallet.Assets.Select((_, i) => Wallet.Total(i))];

    private decimal ValueAt(decimal[] balances, Fixed8[] marks)
    {
        decimal equity = 0;
        for (int a = 0; a < balances.Length; a++)
        {
            int symbol = Array.IndexOf(_baseAsset, a);
            equity += symbol < 0 ? balances[a] : balances[a] * marks[symbol].ToDecimal();
        }

        return equity;
    }

    public Wallet Wallet { get; }

    public InstrumentSet Instruments => _instruments;

    public IReadOnlyList<PositionLedger> Positions => _positions;

    public IReadOnlyList<RestingOrder> OpenOrders => _resting;

    public OrderBook Book(int symbolId) => _books[symbolId];

    public long OrdersReceived { get; private set; }

    public long FillCount { get; private set; }

    public long Rejections { get; private set; }

    public long NextFillId => _nextFillId;

    /// <summary>Orders sent and not yet at the matching engine.</summary>
    public int InFlightCount => _inFlight.Count;

    /// <summary>Reports produced and not yet delivered to the strategy.</summary>
    public int PendingReportCount => _outbound.Count;

    /// <summary>True while anything this exchange holds can still produce a report as market time passes.</summary>
    public bool HasPendingWork => _resting.Count > 0 || _inFlight.Count > 0 || _outbound.Count > 0 || _arrivedEarly.Count > 0;

    /// <summary>Market events seen (applied or rebuilt from).</summary>
    public long MarketEventsSeen => _marketEvents;

    /// <summary>True once the exchange matches against the market's own books (<see cref="ShareBooks"/>).</summary>
    public bool BooksShared => _booksShared;

    /// <summary>
    /// Matches against <paramref name="books"/> (MarketState's, by symbol id) instead of keeping replicas built from the
    /// same events: half the book maintenance. Valid only when one thread drives both and, for each event, lets the
    /// orders due before it arrive (<see cref="ArriveBefore"/>) before the market applies it and the exchange then sees
    /// it (<see cref="OnMarketEvent"/>): every order meets exactly the book state a replica would hold. Only before the
    /// first market event, so no replica state is thrown away.
    /// </summary>
    public void ShareBooks(IReadOnlyList<OrderBook> books)
    {
        if (_marketEvents > 0)
        {
            throw new InvalidOperationException($"the exchange has already seen {_marketEvents} market events: its replica books cannot be swapped now");
        }

        if (books.Count != _books.Length)
        {
            throw new ArgumentException($"{books.Count} books given for {_books.Length} symbols", nameof(books));
        }

        for (int s = 0; s < _books.Length; s++)
        {
            _books[s] = books[s];
        }

        _booksShared = true;
    }

    /// <summary>
    /// With shared books: the orders whose entry leg ends by <paramref name="ev"/> arrive now, while the book is still as
    /// it was before the event; their reports are handed out first by the next <see cref="OnMarketEvent"/>.
    /// </summary>
    public void ArriveBefore(in MarketEvent ev)
    {
        if (_inFlight.IsDue(ev.ExchangeTimeNs))
        {
            ArriveDue(ev.ExchangeTimeNs, _arrivedEarly);
        }
    }

    public QueueModel QueueModel => _queueModel;

    /// <summary>
    /// Also records every report into <paramref name="journal"/> the moment the exchange produces it, before its response
    /// leg: the exchange's own record, which the balances always agree with (the caller drains it).
    /// </summary>
    public void JournalTo(List<ExecutionReport> journal) => _journal = journal;

    /// <summary>When the strategy saw the latest market event, on the exchange's clock: the send time of orders decided on it.</summary>
    public long LastSeenNs => _seenNs;

    /// <summary>Mid of the replica book, or the last known mark when the book is not tradeable.</summary>
    public Fixed8 Mark(int symbolId) => _marks[symbolId];

    /// <summary>
    /// Advances market time to <paramref name="ev"/>: orders whose entry leg has ended meet the book as it was just
    /// before this event; then the event updates the replica book and fills resting orders the new state or trade
    /// reaches; last, the reports whose response leg has ended by the time we see this event are delivered.
    /// </summary>
    public void OnMarketEvent(in MarketEvent ev, List<ExecutionReport> reports)
    {
        _marketEvents++;
        if (_arrivedEarly.Count > 0)
        {
            reports.AddRange(_arrivedEarly);
            _arrivedEarly.Clear();
        }

        if (_inFlight.IsDue(ev.ExchangeTimeNs))
        {
            ArriveDue(ev.ExchangeTimeNs, reports);
        }

        ApplyEvent(ev, reports);

        // When we see the event, on the exchange's clock. A feed that arrives "before" it was sent is clock skew, not
        // speed; so is one later than any real feed (a replayed or simulated feed stamped with today's clock): taken as
        // latency it would put our orders' arrival beyond every market event, and they would never reach the book.
        _seenNs = SeenAt(ev);
        if (_outbound.IsDue(_seenNs))
        {
            Deliver(_seenNs, reports);
        }
    }

    /// <summary>
    /// What <see cref="OnMarketEvent"/> does with a book ticker or kline while nothing rests, is in flight or is on its
    /// way back: counts it and moves <see cref="LastSeenNs"/>; no book, order or report is touched. False, and nothing
    /// done, for any other event or state. Three events in four of a recording are book tickers.
    /// </summary>
    public bool TryPassQuiet(in MarketEvent ev)
    {
        if (ev.Kind is not (MarketEventKind.BookTicker or MarketEventKind.Kline) || HasPendingWork)
        {
            return false;
        }

        _marketEvents++;
        _seenNs = SeenAt(ev);
        return true;
    }

    private static long SeenAt(in MarketEvent ev)
    {
        long feedLatencyNs = ev.LocalTimeNs - ev.ExchangeTimeNs;
        return ev.ExchangeTimeNs + (feedLatencyNs is > 0 and <= MaxFeedLatencyNs ? feedLatencyNs : 0);
    }

    /// <summary>The orders whose entry leg has ended by <paramref name="nowNs"/> reach the matching engine.</summary>
    private void ArriveDue(long nowNs, List<ExecutionReport> reports)
    {
        while (_inFlight.TryDequeueDue(nowNs, out long arrivedNs, out OrderRequest order))
        {
            Arrive(order, arrivedNs, reports);
        }
    }

    /// <summary>The reports whose response leg has ended by <paramref name="seenNs"/> reach the strategy.</summary>
    private void Deliver(long seenNs, List<ExecutionReport> reports)
    {
        while (_outbound.TryDequeueDue(seenNs, out _, out ExecutionReport report))
        {
            reports.Add(report);
        }
    }

    /// <summary>
    /// Applies a depth event to the replica book only: no matching, no marks. For replaying events whose effects the
    /// restored account already holds (resuming after the journal), so resting orders are not matched twice.
    /// </summary>
    public void RebuildBook(in MarketEvent ev)
    {
        _marketEvents++;
        ApplyDepth(ev);
    }

    /// <summary>Applies a snapshot or diff to the replica book; false for any other event.</summary>
    private bool ApplyDepth(in MarketEvent ev)
    {
        OrderBook book = _books[ev.SymbolId];
        switch (ev.Kind)
        {
            case MarketEventKind.DepthSnapshot:
                if (!_booksShared)
                {
                    book.ApplySnapshot(ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                }

                _consumed[ev.SymbolId].Clear();
                return true;
            case MarketEventKind.DepthDiff:
                if (!_booksShared)
                {
                    book.ApplyDiff(ev.FirstUpdateId, ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                }

                return true;
            default:
                return false;
        }
    }

    private void ApplyEvent(in MarketEvent ev, List<ExecutionReport> reports)
    {
        if (ev.Kind == MarketEventKind.Trade)
        {
            MatchRestingOnTrade(ev, reports);
            return;
        }

        if (!ApplyDepth(ev))
        {
            return;
        }

        OrderBook book = _books[ev.SymbolId];
        if (book.IsTradeable)
        {
            Fixed8 mark = Fixed8.FromRaw((book.BestBid.Price.Raw + book.BestAsk.Price.Raw) / 2);
            if (_marks[ev.SymbolId].IsZero)
            {
                // The run's accounting starts at the first mark: a carried position is valued there.
                _positions[ev.SymbolId].Rebase(mark);
                _startingMarks[ev.SymbolId] = mark;
            }

            _marks[ev.SymbolId] = mark;
            MatchRestingOnBook(ev.SymbolId, ev.ExchangeTimeNs, reports);
        }
    }

    /// <summary>Records an order the risk gate refused, so the order log is complete (local: no latency).</summary>
    public void Reject(in OrderRequest order, RejectReason reason, long timeNs, List<ExecutionReport> reports)
    {
        ExecutionReport report = Report(order, OrderStatus.Rejected, reason, default, default, 0, Liquidity.None, default, timeNs, fillId: 0);
        _journal?.Add(report);
        reports.Add(report);
    }

    /// <summary>Orders the exchange itself refused, by reason (camelCase keys).</summary>
    public IReadOnlyDictionary<string, long> RejectionsByReason() => _rejections.ByName();

    /// <summary>
    /// Sends an order at <paramref name="sentNs"/> (exchange clock). With no entry latency it is matched at once;
    /// otherwise it travels and is matched by the first market event at or after its arrival.
    /// </summary>
    public void Submit(in OrderRequest order, long sentNs, List<ExecutionReport> reports)
    {
        OrdersReceived++;
        long entryNs = _latency.NextEntryNs();
        if (entryNs == 0 && _inFlight.Count == 0)
        {
            Arrive(order, sentNs, reports);
            return;
        }

        _inFlight.Enqueue(sentNs + entryNs, order);
    }

    private void Refuse(in OrderRequest order, RejectReason reason, long timeNs, List<ExecutionReport> reports)
    {
        Rejections++;
        _rejections.Add(reason);
        OrderStatus state = OrderStatus.PendingNew;
        Send(order, ref state, OrderStatus.Rejected, reason, default, default, 0, Liquidity.None, default, timeNs, reports);
    }

    /// <summary>The matching engine receives the order at <paramref name="timeNs"/>: validate, take, rest or cancel.</summary>
    private void Arrive(OrderRequest order, long timeNs, List<ExecutionReport> reports)
    {
        int symbol = order.SymbolId;
        Instrument instrument = _instruments[symbol];
        OrderBook book = _books[symbol];
        if (!book.IsTradeable)
        {
            Refuse(order, RejectReason.BookNotSynced, timeNs, reports);
            return;
        }

        RejectReason invalid = Validate(order, instrument, book);
        if (invalid != RejectReason.None)
        {
            Refuse(order, invalid, timeNs, reports);
            return;
        }

        if (order.Type == OrderType.LimitMaker && WouldTake(order, book))
        {
            Refuse(order, RejectReason.WouldTakeLiquidity, timeNs, reports);
            return;
        }

        bool byQuote = order.Type == OrderType.Market && order.QuoteQuantity.IsPositive;
        // A LIMIT_MAKER that got this far takes nothing: it rests whole.
        Fixed8 walked = default;
        decimal cost = 0m;
        bool complete = false;
        int legs = order.Type == OrderType.LimitMaker ? 0 : Walk(order, instrument, out walked, out cost, out complete);

        decimal fees = cost * instrument.TakerFeeRate;
        if (!HasBalanceFor(order, instrument, cost + fees, walked))
        {
            Refuse(order, RejectReason.InsufficientBalance, timeNs, reports);
            return;
        }

        if (byQuote)
        {
            // MEXC reports a quote-amount order in base quantity: what the amount bought or sold.
            order = order with { Quantity = walked };
        }

        OrderStatus state = OrderStatus.PendingNew;
        if (order.TimeInForce == TimeInForce.Fok && order.Type == OrderType.Limit && walked < order.Quantity)
        {
            Send(order, ref state, OrderStatus.Canceled, RejectReason.NoLiquidity, default, default, 0, Liquidity.None, default, timeNs, reports);
            return;
        }

        Fixed8 cumulative = default;
        for (int i = 0; i < legs; i++)
        {
            Leg leg = _legs[i];
            cumulative += leg.Quantity;
            _consumed[symbol].Take(order.Side.Opposite(), leg.Level, leg.Quantity);
            OrderStatus status = complete && i == legs - 1 ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
            ApplyFill(order, ref state, instrument, leg.Price, leg.Quantity, Liquidity.Taker, status, cumulative, timeNs, reports);
        }

        if (state == OrderStatus.Filled)
        {
            return;
        }

        if (order.Type == OrderType.LimitMaker || (order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.Gtc))
        {
            Rest(order, instrument, cumulative, state, timeNs, reports);
            return;
        }

        OrderStatus final = cumulative.IsZero ? OrderStatus.Canceled : OrderStatus.PartiallyCanceled;
        RejectReason why = cumulative.IsZero ? RejectReason.NoLiquidity : RejectReason.None;
        Send(order, ref state, final, why, default, default, 0, Liquidity.None, cumulative, timeNs, reports);
    }

    /// <summary>MEXC's order checks, in its order: a price, precision, minimum quantity, minimum value.</summary>
    private static RejectReason Validate(in OrderRequest order, Instrument instrument, OrderBook book)
    {
        bool limit = order.Type != OrderType.Market;
        if (limit && !order.Price.IsPositive)
        {
            return RejectReason.InvalidPrice;
        }

        bool byQuote = order.Type == OrderType.Market && order.QuoteQuantity.IsPositive;
        if ((limit && !order.Price.HasAtMostDecimals(instrument.PriceDecimals)) || (!byQuote && !order.Quantity.HasAtMostDecimals(instrument.QuantityDecimals)))
        {
            return RejectReason.InvalidPrecision;
        }

        if (!byQuote && order.Quantity < instrument.MinQuantity)
        {
            return RejectReason.BelowMinQuantity;
        }

        decimal value = byQuote ? order.QuoteQuantity.ToDecimal()
            : Fixed8.Multiply(limit ? order.Price : (order.Side == Side.Buy ? book.BestAsk.Price : book.BestBid.Price), order.Quantity);
        return value < instrument.MinNotional ? RejectReason.BelowMinNotional : RejectReason.None;
    }

    private static bool WouldTake(in OrderRequest order, OrderBook book) =>
        order.Side == Side.Buy ? book.BestAsk.Price <= order.Price : book.BestBid.Price >= order.Price;

    /// <summary>
    /// Cancels every working order (kill switch, shutdown), releasing locked balances. It acts at once: reports still
    /// on their way are delivered first, orders still on the wire are canceled before they reach the book.
    /// </summary>
    public void CancelAll(long timeNs, List<ExecutionReport> reports)
    {
        while (_outbound.TryDequeue(out _, out ExecutionReport report))
        {
            reports.Add(report);
        }

        while (_inFlight.TryDequeue(out _, out OrderRequest order))
        {
            OrderStatus state = OrderStatus.PendingNew;
            OrderStateMachine.Advance(ref state, OrderStatus.Canceled, order.OrderId);
            ExecutionReport canceled = Report(order, OrderStatus.Canceled, RejectReason.None, default, default, 0, Liquidity.None, default, timeNs, 0);
            _journal?.Add(canceled);
            reports.Add(canceled);
        }

        foreach (RestingOrder r in _resting)
        {
            Unlock(r);
            OrderStatus status = r.Filled.IsZero ? OrderStatus.Canceled : OrderStatus.PartiallyCanceled;
            r.Advance(status);
            ExecutionReport canceled = Report(r.Request, status, RejectReason.None, default, default, 0, Liquidity.None, r.Filled, timeNs, 0);
            _journal?.Add(canceled);
            reports.Add(canceled);
        }

        _resting.Clear();
    }

    private bool HasBalanceFor(in OrderRequest order, Instrument instrument, decimal quoteNeeded, Fixed8 walked)
    {
        if (order.Side == Side.Buy)
        {
            decimal needed = quoteNeeded;
            if (order.Type is OrderType.LimitMaker || (order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.Gtc))
            {
                // A resting rest must be fully covered at its limit price.
                needed = Math.Max(needed, Fixed8.Multiply(order.Price, order.Quantity) * (1 + instrument.MakerFeeRate));
            }

            return Wallet.Free(_quoteAsset[order.SymbolId]) >= needed;
        }

        Fixed8 selling = order.Type == OrderType.Market && order.QuoteQuantity.IsPositive ? walked : order.Quantity;
        return Wallet.Free(_baseAsset[order.SymbolId]) >= selling.ToDecimal();
    }

    /// <summary>
    /// Plans the taker fills an order gets from the current book without changing anything. <paramref name="complete"/>
    /// is true when the plan fills the whole order (for a quote-amount order: spends the amount down to less than one
    /// quantity step at the next price).
    /// </summary>
    private int Walk(in OrderRequest order, Instrument instrument, out Fixed8 total, out decimal cost, out bool complete)
    {
        OrderBook book = _books[order.SymbolId];
        ConsumedLiquidity consumed = _consumed[order.SymbolId];
        Side bookSide = order.Side.Opposite();
        bool byQuote = order.Type == OrderType.Market && order.QuoteQuantity.IsPositive;
        Fixed8 wanted = byQuote ? Fixed8.MaxValue : order.Quantity;
        decimal budget = byQuote ? order.QuoteQuantity.ToDecimal() : 0m;
        if (!byQuote && _options.SimulatePartialFills && _random.NextDouble() < _options.PartialFillProbability)
        {
            // The old system's random partial fill: keep 20-90% of the order.
            wanted = Fixed8.RoundFromDecimal(wanted.ToDecimal() * (decimal)(0.2 + (0.7 * _random.NextDouble()))).TruncateTo(instrument.QuantityDecimals);
        }

        Fixed8 remaining = wanted;
        total = default;
        cost = 0;
        complete = false;
        int count = 0;
        foreach (PriceLevel level in book.FromBest(bookSide))
        {
            if (!remaining.IsPositive)
            {
                break;
            }

            if (order.Type == OrderType.Limit && (order.Side == Side.Buy ? level.Price > order.Price : level.Price < order.Price))
            {
                break;
            }

            Fixed8 available = consumed.Available(bookSide, level);
            if (!available.IsPositive)
            {
                continue;
            }

            Fixed8 price = Slipped(level.Price, order.Side, instrument.PriceDecimals);
            if (order.Type == OrderType.Limit)
            {
                // Slippage makes a fill worse, but never beyond the limit price an exchange enforces.
                price = order.Side == Side.Buy ? Fixed8.Min(price, order.Price) : Fixed8.Max(price, order.Price);
            }

            Fixed8 take = Fixed8.Min(available, remaining);
            if (byQuote)
            {
                Fixed8 affordable = Fixed8.RoundFromDecimal(Math.Min(budget / price.ToDecimal(), 1_000_000_000m)).TruncateTo(instrument.QuantityDecimals);
                take = Fixed8.Min(take, affordable);
                if (!take.IsPositive)
                {
                    complete = true;
                    break;
                }
            }

            if (count == _legs.Length)
            {
                Array.Resize(ref _legs, _legs.Length * 2);
            }

            _legs[count++] = new Leg(level, price, take);
            remaining -= take;
            total += take;
            decimal notional = Fixed8.Multiply(price, take);
            cost += notional;
            budget -= notional;
            if (byQuote && take < available)
            {
                complete = true;
                break;
            }
        }

        complete |= !byQuote && total == order.Quantity;
        return count;
    }

    private Fixed8 Slipped(Fixed8 price, Side side, int priceDecimals)
    {
        if (_slippage == 0)
        {
            return price;
        }

        decimal shifted = price.ToDecimal() * (side == Side.Buy ? 1 + _slippage : 1 - _slippage);
        decimal factor = Pow10(priceDecimals);
        // Round against us: a buy pays up, a sell receives less.
        decimal rounded = side == Side.Buy ? Math.Ceiling(shifted * factor) / factor : Math.Floor(shifted * factor) / factor;
        return Fixed8.FromDecimal(rounded);
    }

    private static decimal Pow10(int n)
    {
        decimal f = 1;
        for (int i = 0; i < n; i++)
        {
            f *= 10;
        }

        return f;
    }

    private void Rest(in OrderRequest order, Instrument instrument, Fixed8 filled, OrderStatus state, long timeNs, List<ExecutionReport> reports)
    {
        Fixed8 rest = order.Quantity - filled;
        decimal locked = order.Side == Side.Buy
            ? Fixed8.Multiply(order.Price, rest) * (1 + instrument.MakerFeeRate)
            : rest.ToDecimal();
        int asset = order.Side == Side.Buy ? _quoteAsset[order.SymbolId] : _baseAsset[order.SymbolId];
        Wallet.Lock(asset, locked);

        // Behind everything displayed at our price now (the naive model puts us first).
        Fixed8 displayed = DisplayedAt(_books[order.SymbolId], order.Side, order.Price);
        var resting = new RestingOrder
        {
            Request = order,
            Filled = filled,
            Locked = locked,
            LevelDisplayed = displayed,
            QueueAhead = _queueModel == QueueModel.Touch ? default : displayed,
        };
        if (filled.IsZero)
        {
            resting.Advance(OrderStatus.New);
            Send(order, ref state, OrderStatus.New, RejectReason.None, default, default, 0, Liquidity.None, filled, timeNs, reports);
        }
        else
        {
            resting.RestoreStatus();
        }

        _resting.Add(resting);
    }

    /// <summary>Displayed quantity at <paramref name="price"/> on <paramref name="side"/>'s side of the book (0 if none).</summary>
    private static Fixed8 DisplayedAt(OrderBook book, Side side, Fixed8 price)
    {
        foreach (PriceLevel level in book.FromBest(side))
        {
            if (level.Price == price)
            {
                return level.Quantity;
            }

            if (side == Side.Buy ? level.Price < price : level.Price > price)
            {
                break;
            }
        }

        return default;
    }

    private void MatchRestingOnBook(int symbol, long timeNs, List<ExecutionReport> reports)
    {
        if (_resting.Count == 0)
        {
            return;
        }

        OrderBook book = _books[symbol];
        ConsumedLiquidity consumed = _consumed[symbol];
        for (int i = 0; i < _resting.Count; i++)
        {
            RestingOrder r = _resting[i];
            if (r.Request.SymbolId != symbol)
            {
                continue;
            }

            UpdateQueue(r, book);
            Side bookSide = r.Request.Side.Opposite();
            Fixed8 fill = default;
            foreach (PriceLevel level in book.FromBest(bookSide))
            {
                bool crosses = r.Request.Side == Side.Buy ? level.Price <= r.Request.Price : level.Price >= r.Request.Price;
                if (!crosses || fill == r.Remaining)
                {
                    break;
                }

                // Liquidity through our price matches the queue ahead of us first, then us; neither is offered again.
                Fixed8 available = consumed.Available(bookSide, level);
                Fixed8 toQueue = Fixed8.Min(available, r.QueueAhead);
                Fixed8 toUs = Fixed8.Min(available - toQueue, r.Remaining - fill).TruncateTo(_instruments[symbol].QuantityDecimals);
                r.QueueAhead -= toQueue;
                if ((toQueue + toUs).IsPositive)
                {
                    consumed.Take(bookSide, level, toQueue + toUs);
                }

                fill += toUs;
            }

            if (fill.IsPositive && FillResting(r, fill, timeNs, reports))
            {
                _resting.RemoveAt(i--);
            }
        }
    }

    /// <summary>Follows a change of the displayed size at our price: the queue ahead can only shrink.</summary>
    private void UpdateQueue(RestingOrder r, OrderBook book)
    {
        if (_queueModel == QueueModel.Touch)
        {
            return;
        }

        Fixed8 displayed = DisplayedAt(book, r.Request.Side, r.Request.Price);
        if (displayed == r.LevelDisplayed)
        {
            return;
        }

        if (_queueModel == QueueModel.Probabilistic && displayed < r.LevelDisplayed && r.QueueAhead.IsPositive && r.LevelDisplayed != Fixed8.MaxValue)
        {
            // Cancellations: the decrease trades do not explain. Ahead of us with probability = our depth in the level.
            Fixed8 canceled = r.LevelDisplayed - displayed - r.TradedSinceLevelChange;
            if (canceled.IsPositive && _queueRandom.NextDouble() * r.LevelDisplayed.ToDouble() < r.QueueAhead.ToDouble())
            {
                r.QueueAhead = Fixed8.Max(default, r.QueueAhead - canceled);
            }
        }

        // Risk-averse: whatever else happened, no more can be ahead of us than is displayed.
        r.QueueAhead = Fixed8.Min(r.QueueAhead, displayed);
        r.LevelDisplayed = displayed;
        r.TradedSinceLevelChange = default;
    }

    private void MatchRestingOnTrade(in MarketEvent trade, List<ExecutionReport> reports)
    {
        for (int i = 0; i < _resting.Count; i++)
        {
            RestingOrder r = _resting[i];
            Side side = r.Request.Side;

            // A trade reaches our order only when its aggressor sold into bids (ours a buy) or bought into asks.
            if (r.Request.SymbolId != trade.SymbolId || (trade.Side != Side.None && trade.Side != side.Opposite()))
            {
                continue;
            }

            bool through = side == Side.Buy ? trade.Price < r.Request.Price : trade.Price > r.Request.Price;
            Fixed8 fill;
            if (through)
            {
                // A trade beyond our price swept our level, queue and all.
                r.QueueAhead = default;
                fill = Fixed8.Min(trade.Quantity, r.Remaining);
            }
            else if (trade.Price == r.Request.Price)
            {
                r.TradedSinceLevelChange += trade.Quantity;
                Fixed8 toQueue = Fixed8.Min(trade.Quantity, r.QueueAhead);
                r.QueueAhead -= toQueue;
                fill = Fixed8.Min(trade.Quantity - toQueue, r.Remaining);
            }
            else
            {
                continue;
            }

            if (fill.IsPositive && FillResting(r, fill, trade.ExchangeTimeNs, reports))
            {
                _resting.RemoveAt(i--);
            }
        }
    }

    /// <summary>Fills part of a resting order as maker at its limit price; true when it is now complete.</summary>
    private bool FillResting(RestingOrder r, Fixed8 quantity, long timeNs, List<ExecutionReport> reports)
    {
        Instrument instrument = _instruments[r.Request.SymbolId];
        quantity = quantity.TruncateTo(instrument.QuantityDecimals);
        if (!quantity.IsPositive)
        {
            return false;
        }

        r.Filled += quantity;
        bool done = r.Filled == r.Request.Quantity;
        decimal release = r.Request.Side == Side.Buy
            ? Fixed8.Multiply(r.Request.Price, quantity) * (1 + instrument.MakerFeeRate)
            : quantity.ToDecimal();
        if (done)
        {
            release = r.Locked;
        }

        r.Locked -= release;
        int lockedAsset = r.Request.Side == Side.Buy ? _quoteAsset[r.Request.SymbolId] : _baseAsset[r.Request.SymbolId];
        Wallet.Unlock(lockedAsset, release);
        OrderStatus status = done ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        r.Advance(status);
        OrderStatus state = status;
        ApplyFill(r.Request, ref state, instrument, r.Request.Price, quantity, Liquidity.Maker, status, r.Filled, timeNs, reports, transitionChecked: true);
        return done;
    }

    private void Unlock(RestingOrder r)
    {
        int asset = r.Request.Side == Side.Buy ? _quoteAsset[r.Request.SymbolId] : _baseAsset[r.Request.SymbolId];
        Wallet.Unlock(asset, r.Locked);
        r.Locked = 0;
    }

    private void ApplyFill(in OrderRequest order, ref OrderStatus state, Instrument instrument, Fixed8 price, Fixed8 quantity, Liquidity liquidity, OrderStatus status, Fixed8 cumulative, long timeNs, List<ExecutionReport> reports, bool transitionChecked = false)
    {
        decimal notional = Fixed8.Multiply(price, quantity);
        decimal fee = notional * (liquidity == Liquidity.Maker ? instrument.MakerFeeRate : instrument.TakerFeeRate);
        int quote = _quoteAsset[order.SymbolId];
        int baseAsset = _baseAsset[order.SymbolId];
        if (order.Side == Side.Buy)
        {
            Wallet.Debit(quote, notional + fee);
            Wallet.Credit(baseAsset, quantity.ToDecimal());
        }
        else
        {
            Wallet.Debit(baseAsset, quantity.ToDecimal());
            Wallet.Credit(quote, notional - fee);
        }

        _positions[order.SymbolId].Apply(order.Side, price, quantity, fee);
        FillCount++;
        if (!transitionChecked)
        {
            OrderStateMachine.Advance(ref state, status, order.OrderId);
        }

        Deliver(Report(order, status, RejectReason.None, price, quantity, fee, liquidity, cumulative, timeNs, _nextFillId++), reports);
    }

    /// <summary>Moves the order to <paramref name="status"/> and sends the report back over the response leg.</summary>
    private void Send(in OrderRequest order, ref OrderStatus state, OrderStatus status, RejectReason reason, Fixed8 price, Fixed8 quantity, decimal fee, Liquidity liquidity, Fixed8 cumulative, long timeNs, List<ExecutionReport> reports)
    {
        OrderStateMachine.Advance(ref state, status, order.OrderId);
        Deliver(Report(order, status, reason, price, quantity, fee, liquidity, cumulative, timeNs, 0), reports);
    }

    private void Deliver(in ExecutionReport report, List<ExecutionReport> reports)
    {
        _journal?.Add(report);
        long responseNs = _latency.NextResponseNs();
        if (responseNs == 0 && _outbound.Count == 0)
        {
            reports.Add(report);
            return;
        }

        _outbound.Enqueue(report.TimeNs + responseNs, report);
        while (_outbound.TryDequeueDue(_seenNs, out _, out ExecutionReport due))
        {
            reports.Add(due);
        }
    }

    private static ExecutionReport Report(in OrderRequest order, OrderStatus status, RejectReason reason, Fixed8 price, Fixed8 quantity, decimal fee, Liquidity liquidity, Fixed8 cumulative, long timeNs, long fillId) =>
        new(order.OrderId, order.SymbolId, order.Side, status, order.Purpose, reason, fillId, price, quantity, fee, liquidity, cumulative, order.Quantity, timeNs, order.TickSequence) { StrategyId = order.StrategyId };

    public PaperExchangeState Export() => new()
    {
        Balances = Wallet.Assets.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => (Wallet.Free(x.i), Wallet.Locked(x.i)), StringComparer.Ordinal),
        OpenOrders = [.. _resting.Select(r => new RestingOrderState(r.Request, r.Filled, r.Locked))],
        Positions = _instruments.All.ToDictionary(i => i.Symbol, i => (_positions[i.Id].Quantity, _positions[i.Id].Cost), StringComparer.Ordinal),
        NextFillId = _nextFillId,
    };

    public void Restore(PaperExchangeState state)
    {
        foreach ((string asset, (decimal free, decimal locked)) in state.Balances)
        {
            if (Wallet.Assets.Contains(asset, StringComparer.Ordinal))
            {
                Wallet.Set(Wallet.IndexOf(asset), free, locked);
            }
        }

        _resting.Clear();
        foreach (RestingOrderState o in state.OpenOrders)
        {
            var resting = new RestingOrder { Request = o.Request, Filled = o.Filled, Locked = o.Locked };
            resting.RestoreStatus();
            _resting.Add(resting);
        }

        foreach (Instrument i in _instruments.All)
        {
            if (state.Positions.TryGetValue(i.Symbol, out (Fixed8 Quantity, decimal Cost) p))
            {
                _positions[i.Id].Restore(p.Quantity, p.Cost);
            }
        }

        _nextFillId = Math.Max(1, state.NextFillId);
        _startingBalances = SnapshotBalances();
    }

    private readonly record struct Leg(PriceLevel Level, Fixed8 Price, Fixed8 Quantity);
}
