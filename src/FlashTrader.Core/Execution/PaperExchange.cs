using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;

namespace FlashTrader.Core.Execution;

/// <summary>
/// The paper exchange behind PaperTradingSystem: its own replica of each book (built from the same market events),
/// balances, and MARKET / LIMIT GTC / LIMIT IOC / FOK orders filled by walking the book. Aggressive orders take the
/// displayed levels in price order (a buy of 2 against asks 0.5 @ 100 and 3 @ 101 fills 0.5 @ 100 and 1.5 @ 101) and
/// never reuse liquidity they already took from the same book state; configured slippage applies on top only when
/// enabled. Resting GTC orders fill as maker when the book or a trade crosses their price. Fees are charged in the quote
/// asset at the pair's taker/maker rate, even when that rate is zero.
/// </summary>
public sealed class PaperExchange
{
    private readonly InstrumentSet _instruments;
    private readonly PaperTradingOptions _options;
    private readonly OrderBook[] _books;
    private readonly PositionLedger[] _positions;
    private readonly int[] _baseAsset;
    private readonly int[] _quoteAsset;
    private readonly List<RestingOrder> _resting = new(16);
    private readonly List<(long Price, long Quantity)>[] _consumed;
    private readonly Random _random;
    private readonly decimal _slippage;
    private readonly Fixed8[] _marks;
    private readonly RejectionCounts _rejections = new();
    private readonly Fixed8[] _startingMarks;
    private decimal[] _startingBalances;
    private Leg[] _legs = new Leg[64];
    private long _nextFillId = 1;

    public PaperExchange(InstrumentSet instruments, PaperTradingOptions options)
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
        _consumed = [.. instruments.All.Select(_ => new List<(long, long)>(8))];
        _random = new Random(options.Seed);
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

    /// <summary>Mid of the replica book, or the last known mark when the book is not tradeable.</summary>
    public Fixed8 Mark(int symbolId) => _marks[symbolId];

    /// <summary>Applies a market event to the replica book, then fills resting orders the new state crosses.</summary>
    public void OnMarketEvent(in MarketEvent ev, List<ExecutionReport> reports)
    {
        OrderBook book = _books[ev.SymbolId];
        switch (ev.Kind)
        {
            case MarketEventKind.DepthSnapshot:
                book.ApplySnapshot(ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                break;
            case MarketEventKind.DepthDiff:
                book.ApplyDiff(ev.FirstUpdateId, ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                break;
            case MarketEventKind.Trade:
                MatchRestingOnTrade(ev, reports);
                return;
            default:
                return;
        }

        _consumed[ev.SymbolId].Clear();
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

    /// <summary>Records an order the risk gate refused, so the order log is complete.</summary>
    public void Reject(in OrderRequest order, RejectReason reason, long timeNs, List<ExecutionReport> reports) =>
        reports.Add(Report(order, OrderStatus.Rejected, reason, default, default, 0, Liquidity.None, default, timeNs, fillId: 0));

    /// <summary>Orders the exchange itself refused, by reason (camelCase keys).</summary>
    public IReadOnlyDictionary<string, long> RejectionsByReason() => _rejections.ByName();

    private void Refuse(in OrderRequest order, RejectReason reason, long timeNs, List<ExecutionReport> reports)
    {
        Rejections++;
        _rejections.Add(reason);
        reports.Add(Report(order, OrderStatus.Rejected, reason, default, default, 0, Liquidity.None, default, timeNs, 0));
    }

    public void Submit(in OrderRequest order, long timeNs, List<ExecutionReport> reports)
    {
        OrdersReceived++;
        int symbol = order.SymbolId;
        Instrument instrument = _instruments[symbol];
        OrderBook book = _books[symbol];
        if (!book.IsTradeable)
        {
            Refuse(order, RejectReason.BookNotSynced, timeNs, reports);
            return;
        }

        if (order.Type == OrderType.Limit && !order.Price.IsPositive)
        {
            Refuse(order, RejectReason.InvalidPrice, timeNs, reports);
            return;
        }

        int legs = Walk(order, instrument, out Fixed8 walked, out decimal cost);
        decimal fees = cost * instrument.TakerFeeRate;
        if (!HasBalanceFor(order, instrument, cost + fees))
        {
            Refuse(order, RejectReason.InsufficientBalance, timeNs, reports);
            return;
        }

        if (order.TimeInForce == TimeInForce.Fok && walked < order.Quantity)
        {
            reports.Add(Report(order, OrderStatus.Canceled, RejectReason.NoLiquidity, default, default, 0, Liquidity.None, default, timeNs, 0));
            return;
        }

        Fixed8 cumulative = default;
        for (int i = 0; i < legs; i++)
        {
            Leg leg = _legs[i];
            cumulative += leg.Quantity;
            _consumed[symbol].Add((leg.BookPrice.Raw, leg.Quantity.Raw));
            OrderStatus status = cumulative == order.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
            ApplyFill(order, instrument, leg.Price, leg.Quantity, Liquidity.Taker, status, cumulative, timeNs, reports);
        }

        if (cumulative == order.Quantity)
        {
            return;
        }

        if (order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.Gtc)
        {
            Rest(order, instrument, cumulative, timeNs, reports);
            return;
        }

        OrderStatus final = cumulative.IsZero ? OrderStatus.Canceled : OrderStatus.PartiallyCanceled;
        RejectReason why = cumulative.IsZero ? RejectReason.NoLiquidity : RejectReason.None;
        reports.Add(Report(order, final, why, default, default, 0, Liquidity.None, cumulative, timeNs, 0));
    }

    /// <summary>Cancels every resting order (kill switch, shutdown), releasing locked balances.</summary>
    public void CancelAll(long timeNs, List<ExecutionReport> reports)
    {
        foreach (RestingOrder r in _resting)
        {
            Unlock(r);
            OrderStatus status = r.Filled.IsZero ? OrderStatus.Canceled : OrderStatus.PartiallyCanceled;
            reports.Add(Report(r.Request, status, RejectReason.None, default, default, 0, Liquidity.None, r.Filled, timeNs, 0));
        }

        _resting.Clear();
    }

    private bool HasBalanceFor(in OrderRequest order, Instrument instrument, decimal quoteNeeded)
    {
        if (order.Side == Side.Buy)
        {
            decimal needed = quoteNeeded;
            if (order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.Gtc)
            {
                // A resting rest must be fully covered at its limit price.
                needed = Math.Max(needed, Fixed8.Multiply(order.Price, order.Quantity) * (1 + instrument.MakerFeeRate));
            }

            return Wallet.Free(_quoteAsset[order.SymbolId]) >= needed;
        }

        return Wallet.Free(_baseAsset[order.SymbolId]) >= order.Quantity.ToDecimal();
    }

    /// <summary>Plans the taker fills an order gets from the current book without changing anything.</summary>
    private int Walk(in OrderRequest order, Instrument instrument, out Fixed8 total, out decimal cost)
    {
        OrderBook book = _books[order.SymbolId];
        List<(long Price, long Quantity)> consumed = _consumed[order.SymbolId];
        Fixed8 wanted = order.Quantity;
        if (_options.SimulatePartialFills && _random.NextDouble() < _options.PartialFillProbability)
        {
            // The old system's random partial fill: keep 20-90% of the order.
            wanted = Fixed8.RoundFromDecimal(wanted.ToDecimal() * (decimal)(0.2 + (0.7 * _random.NextDouble()))).TruncateTo(instrument.QuantityDecimals);
        }

        Fixed8 remaining = wanted;
        total = default;
        cost = 0;
        int count = 0;
        foreach (PriceLevel level in book.FromBest(order.Side.Opposite()))
        {
            if (!remaining.IsPositive)
            {
                break;
            }

            if (order.Type == OrderType.Limit && (order.Side == Side.Buy ? level.Price > order.Price : level.Price < order.Price))
            {
                break;
            }

            Fixed8 available = level.Quantity - Fixed8.FromRaw(ConsumedAt(consumed, level.Price.Raw));
            if (!available.IsPositive)
            {
                continue;
            }

            Fixed8 take = Fixed8.Min(available, remaining);
            Fixed8 price = Slipped(level.Price, order.Side, instrument.PriceDecimals);
            if (order.Type == OrderType.Limit)
            {
                // Slippage makes a fill worse, but never beyond the limit price an exchange enforces.
                price = order.Side == Side.Buy ? Fixed8.Min(price, order.Price) : Fixed8.Max(price, order.Price);
            }

            if (count == _legs.Length)
            {
                Array.Resize(ref _legs, _legs.Length * 2);
            }

            _legs[count++] = new Leg(level.Price, price, take);
            remaining -= take;
            total += take;
            cost += Fixed8.Multiply(price, take);
        }

        return count;
    }

    private static long ConsumedAt(List<(long Price, long Quantity)> consumed, long price)
    {
        long sum = 0;
        foreach ((long p, long q) in consumed)
        {
            if (p == price)
            {
                sum += q;
            }
        }

        return sum;
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

    private void Rest(in OrderRequest order, Instrument instrument, Fixed8 filled, long timeNs, List<ExecutionReport> reports)
    {
        Fixed8 rest = order.Quantity - filled;
        decimal locked = order.Side == Side.Buy
            ? Fixed8.Multiply(order.Price, rest) * (1 + instrument.MakerFeeRate)
            : rest.ToDecimal();
        int asset = order.Side == Side.Buy ? _quoteAsset[order.SymbolId] : _baseAsset[order.SymbolId];
        Wallet.Lock(asset, locked);
        _resting.Add(new RestingOrder { Request = order, Filled = filled, Locked = locked });
        OrderStatus status = filled.IsZero ? OrderStatus.New : OrderStatus.PartiallyFilled;
        reports.Add(Report(order, status, RejectReason.None, default, default, 0, Liquidity.None, filled, timeNs, 0));
    }

    private void MatchRestingOnBook(int symbol, long timeNs, List<ExecutionReport> reports)
    {
        if (_resting.Count == 0)
        {
            return;
        }

        OrderBook book = _books[symbol];
        for (int i = 0; i < _resting.Count; i++)
        {
            RestingOrder r = _resting[i];
            if (r.Request.SymbolId != symbol)
            {
                continue;
            }

            Fixed8 crossing = default;
            foreach (PriceLevel level in book.FromBest(r.Request.Side.Opposite()))
            {
                bool crosses = r.Request.Side == Side.Buy ? level.Price <= r.Request.Price : level.Price >= r.Request.Price;
                if (!crosses)
                {
                    break;
                }

                crossing += level.Quantity;
            }

            if (crossing.IsPositive && FillResting(r, Fixed8.Min(crossing, r.Remaining), timeNs, reports))
            {
                _resting.RemoveAt(i--);
            }
        }
    }

    private void MatchRestingOnTrade(in MarketEvent trade, List<ExecutionReport> reports)
    {
        for (int i = 0; i < _resting.Count; i++)
        {
            RestingOrder r = _resting[i];
            if (r.Request.SymbolId != trade.SymbolId)
            {
                continue;
            }

            // Only a trade strictly through our price proves our level was reached (queue position unknown).
            bool through = r.Request.Side == Side.Buy ? trade.Price < r.Request.Price : trade.Price > r.Request.Price;
            if (through && FillResting(r, Fixed8.Min(trade.Quantity, r.Remaining), trade.ExchangeTimeNs, reports))
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
        ApplyFill(r.Request, instrument, r.Request.Price, quantity, Liquidity.Maker, done ? OrderStatus.Filled : OrderStatus.PartiallyFilled, r.Filled, timeNs, reports);
        return done;
    }

    private void Unlock(RestingOrder r)
    {
        int asset = r.Request.Side == Side.Buy ? _quoteAsset[r.Request.SymbolId] : _baseAsset[r.Request.SymbolId];
        Wallet.Unlock(asset, r.Locked);
        r.Locked = 0;
    }

    private void ApplyFill(in OrderRequest order, Instrument instrument, Fixed8 price, Fixed8 quantity, Liquidity liquidity, OrderStatus status, Fixed8 cumulative, long timeNs, List<ExecutionReport> reports)
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
        reports.Add(Report(order, status, RejectReason.None, price, quantity, fee, liquidity, cumulative, timeNs, _nextFillId++));
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
            _resting.Add(new RestingOrder { Request = o.Request, Filled = o.Filled, Locked = o.Locked });
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

    private readonly record struct Leg(Fixed8 BookPrice, Fixed8 Price, Fixed8 Quantity);
}
