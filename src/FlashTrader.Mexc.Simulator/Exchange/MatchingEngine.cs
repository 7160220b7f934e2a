using System.Globalization;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Simulator.Market;
using FlashTrader.Mexc.Simulator.Rest;
using MexcErrorCode = FlashTrader.Core.Orders.MexcErrorCode;

namespace FlashTrader.Mexc.Simulator.Exchange;

/// <summary>
/// Matches the account's orders against the replayed books with MEXC's semantics. An aggressive order takes the displayed
/// levels in price order (the replayed book itself is not changed: the recording is the market), at the taker rate.
/// The rest of a LIMIT order rests and fills as maker, at its own price, when the book or a trade crosses it. LIMIT_MAKER
/// is refused if it would take; IMMEDIATE_OR_CANCEL cancels what does not fill at once; FILL_OR_KILL fills completely or
/// not at all; MARKET takes a base quantity or spends a quote amount (quoteOrderQty). Fees are charged in the quote
/// asset, as the paper exchange does. Not thread-safe: the simulator calls it under its exchange lock.
/// </summary>
internal sealed class MatchingEngine
{
    private const string OrderIdPrefix = "C02__";

    private readonly SimulatedSymbol[] _symbols;
    private readonly SimulatedAccount _account;
    private readonly Dictionary<string, SimOrder> _byId = new(StringComparer.Ordinal);
    private readonly List<SimOrder> _orders = [];
    private readonly List<SimOrder> _resting = [];
    private readonly List<SimFill> _fills = [];
    private readonly List<(Fixed8 Price, Fixed8 Quantity)> _legs = new(64);
    private long _orderSequence;
    private long _tradeSequence;

    public MatchingEngine(SimulatedSymbol[] symbols, SimulatedAccount account)
    {
        _symbols = symbols;
        _account = account;
    }

    public SimulatedAccount Account => _account;

    public IReadOnlyList<SimOrder> Orders => _orders;

    public IReadOnlyList<SimFill> Fills => _fills;

    public SimulatedSymbol Symbol(string name) =>
        Array.Find(_symbols, s => s.Name == name) ?? throw new MexcApiException(400, MexcErrorCode.BadSymbol, $"symbol {name} is not supported by the api");

    /// <summary>Validates and executes a new order; with <paramref name="testOnly"/> only validates (POST /order/test).</summary>
    public SimOrder? Place(OrderTicket ticket, long nowMs, bool testOnly, PrivateUpdates updates)
    {
        SimulatedSymbol symbol = Symbol(ticket.Symbol);
        Instrument instrument = symbol.Instrument;
        Validate(ticket, instrument);
        OrderBook book = symbol.Book;
        if (!book.IsTradeable)
        {
            throw new MexcApiException(400, MexcErrorCode.NoValidTradePrice, $"No valid trade price: the {symbol.Name} book is empty or not synced");
        }

        bool buy = ticket.Side == Side.Buy;
        string quoteAsset = instrument.QuoteAsset, baseAsset = instrument.BaseAsset;
        Fixed8? limit = ticket.Type == SimOrderType.Market ? null : ticket.Price;
        if (ticket.Type == SimOrderType.LimitMaker && WouldTake(book, ticket.Side, ticket.Price!.Value))
        {
            throw new MexcApiException(400, MexcErrorCode.NoValidTradePrice, "Order would immediately match and take: a LIMIT_MAKER order must not cross the book");
        }

        bool byQuote = ticket.Type == SimOrderType.Market && ticket.QuoteOrderQuantity is not null;
        if (ticket.Type == SimOrderType.LimitMaker)
        {
            _legs.Clear();
        }
        else
        {
            Walk(book, ticket.Side, limit, byQuote ? null : ticket.Quantity, byQuote ? ticket.QuoteOrderQuantity!.Value.ToDecimal() : null, instrument.QuantityDecimals);
        }

        (Fixed8 takeQuantity, decimal takeQuote) = Sum(_legs);
        decimal takerFee = takeQuote * instrument.TakerFeeRate;
        if (ticket.Type == SimOrderType.Market && takeQuantity.IsZero)
        {
            throw new MexcApiException(400, MexcErrorCode.NoValidTradePrice, $"No valid trade price: the {symbol.Name} book has no {(buy ? "asks" : "bids")} to fill a MARKET order");
        }

        // What the order needs: a buy holds quote for all of it (the resting part at its limit), a sell holds base.
        decimal needed;
        if (buy)
        {
            decimal restingQuote = ticket.Type == SimOrderType.Limit
                ? Fixed8.Multiply(ticket.Price!.Value, ticket.Quantity!.Value - takeQuantity) * (1 + instrument.MakerFeeRate)
                : ticket.Type == SimOrderType.LimitMaker ? Fixed8.Multiply(ticket.Price!.Value, ticket.Quantity!.Value) * (1 + instrument.MakerFeeRate) : 0m;
            needed = takeQuote + takerFee + restingQuote;
            if (needed > _account.Free(quoteAsset))
            {
                throw new MexcApiException(400, MexcErrorCode.InsufficientBalance, $"Insufficient balance: needs {needed.ToString(CultureInfo.InvariantCulture)} {quoteAsset}, free {_account.Free(quoteAsset).ToString(CultureInfo.InvariantCulture)}");
            }
        }
        else
        {
            needed = ticket.Type == SimOrderType.Market ? takeQuantity.ToDecimal() : ticket.Quantity!.Value.ToDecimal();
            if (needed > _account.Free(baseAsset))
            {
                throw new MexcApiException(400, MexcErrorCode.Oversold, $"Oversold: needs {needed.ToString(CultureInfo.InvariantCulture)} {baseAsset}, free {_account.Free(baseAsset).ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (testOnly)
        {
            return null;
        }

        var order = new SimOrder
        {
            OrderId = OrderIdPrefix + (600_000_000_000_000_000L + ++_orderSequence).ToString(CultureInfo.InvariantCulture) + "000",
            ClientOrderId = ticket.ClientOrderId ?? "",
            SymbolId = symbol.Id,
            Symbol = symbol.Name,
            Side = ticket.Side,
            Type = ticket.Type,
            Price = ticket.Price ?? default,
            OriginalQuantity = byQuote ? default : ticket.Quantity!.Value,
            OriginalQuoteQuantity = ticket.QuoteOrderQuantity ?? default,
            Status = SimOrderStatus.New,
            CreateTimeMs = nowMs,
            UpdateTimeMs = nowMs,
        };
        _byId[order.OrderId] = order;
        _orders.Add(order);
        if (ticket.Type == SimOrderType.FillOrKill && takeQuantity < order.OriginalQuantity)
        {
            order.Status = SimOrderStatus.Canceled;
            updates.Orders.Add(OrderUpdate(order, default, nowMs));
            return order;
        }

        bool rests = ticket.Type is SimOrderType.Limit or SimOrderType.LimitMaker;
        if (rests)
        {
            // Hold everything first; each fill then spends from the hold, the remainder stays locked while resting.
            order.Locked = needed;
            MoveToLocked(buy ? quoteAsset : baseAsset, needed, nowMs, updates);
            updates.Orders.Add(OrderUpdate(order, default, nowMs));
        }

        foreach ((Fixed8 price, Fixed8 quantity) in _legs)
        {
            Execute(order, symbol, price, quantity, isMaker: false, nowMs, updates);
        }

        if (rests && order.ExecutedQuantity < order.OriginalQuantity)
        {
            _resting.Add(order);
        }
        else if (order.IsWorking || order.Status == SimOrderStatus.New)
        {
            Finish(order, symbol, nowMs, updates);
        }

        return order;
    }

    public SimOrder Find(string symbol, string? orderId, string? clientOrderId)
    {
        SimOrder? order = orderId is not null
            ? _byId.GetValueOrDefault(orderId)
            : _orders.Find(o => o.ClientOrderId.Length > 0 && o.ClientOrderId == clientOrderId);
        if (order is null || order.Symbol != symbol)
        {
            throw new MexcApiException(400, MexcErrorCode.UnknownOrder, "Unknown order sent.");
        }

        return order;
    }

    public SimOrder Cancel(string symbol, string? orderId, string? clientOrderId, long nowMs, PrivateUpdates updates)
    {
        SimOrder order = Find(symbol, orderId, clientOrderId);
        if (!order.IsWorking)
        {
            throw new MexcApiException(400, MexcErrorCode.UnknownOrder, $"Unknown order sent: order {order.OrderId} is {order.Status.ToWire()}");
        }

        Finish(order, _symbols[order.SymbolId], nowMs, updates);
        return order;
    }

    public List<SimOrder> CancelAll(string symbol, long nowMs, PrivateUpdates updates)
    {
        List<SimOrder> open = _resting.FindAll(o => o.Symbol == symbol);
        foreach (SimOrder order in open)
        {
            Finish(order, _symbols[order.SymbolId], nowMs, updates);
        }

        return open;
    }

    public IEnumerable<SimOrder> OpenOrders(string? symbol) => _resting.Where(o => symbol is null || o.Symbol == symbol);

    /// <summary>Fills resting orders the market reached: a book that crossed them, or a trade through their price.</summary>
    public void OnMarket(SimulatedSymbol symbol, in MarketEvent ev, long nowMs, PrivateUpdates updates)
    {
        if (_resting.Count == 0)
        {
            return;
        }

        for (int i = 0; i < _resting.Count; i++)
        {
            SimOrder order = _resting[i];
            if (order.SymbolId != symbol.Id)
            {
                continue;
            }

            Fixed8 available = ev.Kind switch
            {
                MarketEventKind.Trade when order.Side == Side.Buy && ev.Side == Side.Sell && ev.Price <= order.Price => ev.Quantity,
                MarketEventKind.Trade when order.Side == Side.Sell && ev.Side == Side.Buy && ev.Price >= order.Price => ev.Quantity,
                MarketEventKind.DepthDiff or MarketEventKind.DepthSnapshot => CrossingQuantity(symbol.Book, order),
                _ => default,
            };
            Fixed8 quantity = Fixed8.Min(available, order.RemainingQuantity);
            if (quantity.IsPositive)
            {
                Execute(order, symbol, order.Price, quantity, isMaker: true, nowMs, updates);
                if (!order.IsWorking)
                {
                    _resting.RemoveAt(i--);
                }
            }
        }
    }

    public List<SimFill> Trades(string symbol, string? orderId, long? startMs, long? endMs, int limit)
    {
        List<SimFill> matching = _fills.FindAll(f => f.Symbol == symbol && (orderId is null || f.OrderId == orderId)
            && (startMs is null || f.TimeMs >= startMs) && (endMs is null || f.TimeMs <= endMs));
        return matching.Count > limit ? matching.GetRange(matching.Count - limit, limit) : matching;
    }

    private static void Validate(OrderTicket ticket, Instrument instrument)
    {
        bool needsPrice = ticket.Type != SimOrderType.Market;
        if (needsPrice && ticket.Price is null)
        {
            throw MexcApiException.BadParameter("price", $"is required for a {ticket.Type.ToWire()} order");
        }

        if (ticket.Price is Fixed8 price)
        {
            if (!price.IsPositive)
            {
                throw MexcApiException.BadParameter("price", "must be greater than 0");
            }

            if (!price.HasAtMostDecimals(instrument.PriceDecimals))
            {
                throw MexcApiException.BadParameter("price", $"has more than {instrument.PriceDecimals} decimals for {instrument.Symbol}");
            }
        }

        if (ticket.Type == SimOrderType.Market)
        {
            if (ticket.Quantity is null == ticket.QuoteOrderQuantity is null)
            {
                throw MexcApiException.BadParameter("quantity", "or quoteOrderQty (exactly one of them) is required for a MARKET order");
            }
        }
        else if (ticket.Quantity is null)
        {
            throw MexcApiException.BadParameter("quantity", $"is required for a {ticket.Type.ToWire()} order");
        }

        if (ticket.Quantity is Fixed8 quantity)
        {
            if (!quantity.IsPositive)
            {
                throw MexcApiException.BadParameter("quantity", "must be greater than 0");
            }

            if (!quantity.HasAtMostDecimals(instrument.QuantityDecimals))
            {
                throw MexcApiException.BadParameter("quantity", $"has more than {instrument.QuantityDecimals} decimals for {instrument.Symbol}");
            }

            if (quantity < instrument.MinQuantity)
            {
                throw new MexcApiException(400, MexcErrorCode.BelowMinimum, $"The minimum transaction volume cannot be less than {instrument.MinQuantity} {instrument.BaseAsset}");
            }

            if (ticket.Price is Fixed8 p && Fixed8.Multiply(p, quantity) < instrument.MinNotional)
            {
                throw new MexcApiException(400, MexcErrorCode.BelowMinimum, $"The minimum transaction volume cannot be less than {instrument.MinNotional.ToString(CultureInfo.InvariantCulture)} {instrument.QuoteAsset}");
            }
        }

        if (ticket.QuoteOrderQuantity is Fixed8 quote && quote.ToDecimal() < instrument.MinNotional)
        {
            throw new MexcApiException(400, MexcErrorCode.BelowMinimum, $"The minimum transaction volume cannot be less than {instrument.MinNotional.ToString(CultureInfo.InvariantCulture)} {instrument.QuoteAsset}");
        }
    }

    private static bool WouldTake(OrderBook book, Side side, Fixed8 price) =>
        side == Side.Buy ? book.AskCount > 0 && book.BestAsk.Price <= price : book.BidCount > 0 && book.BestBid.Price >= price;

    /// <summary>The displayed quantity at prices that cross a resting order (0 when the book does not reach it).</summary>
    private static Fixed8 CrossingQuantity(OrderBook book, SimOrder order)
    {
        Fixed8 total = default;
        foreach (PriceLevel level in book.FromBest(order.Side.Opposite()))
        {
            bool crosses = order.Side == Side.Buy ? level.Price <= order.Price : level.Price >= order.Price;
            if (!crosses)
            {
                break;
            }

            total += level.Quantity;
        }

        return total;
    }

    /// <summary>Fills <see cref="_legs"/> with the levels an aggressive order takes, in price order.</summary>
    private void Walk(OrderBook book, Side side, Fixed8? limit, Fixed8? maxQuantity, decimal? maxQuote, int quantityDecimals)
    {
        _legs.Clear();
        Fixed8 left = maxQuantity ?? Fixed8.MaxValue;
        decimal quoteLeft = maxQuote ?? decimal.MaxValue;
        foreach (PriceLevel level in book.FromBest(side.Opposite()))
        {
            if (limit is Fixed8 l && (side == Side.Buy ? level.Price > l : level.Price < l))
            {
                break;
            }

            Fixed8 take = Fixed8.Min(left, level.Quantity);
            if (maxQuote is not null)
            {
                decimal affordable = quoteLeft / level.Price.ToDecimal();
                take = Fixed8.Min(take, Fixed8.FromDecimal(decimal.Round(affordable, quantityDecimals, MidpointRounding.ToZero)));
            }

            if (!take.IsPositive)
            {
                break;
            }

            _legs.Add((level.Price, take));
            left -= take;
            quoteLeft -= Fixed8.Multiply(level.Price, take);
            if (left.IsZero)
            {
                break;
            }
        }
    }

    private static (Fixed8 Quantity, decimal Quote) Sum(List<(Fixed8 Price, Fixed8 Quantity)> legs)
    {
        Fixed8 quantity = default;
        decimal quote = 0;
        foreach ((Fixed8 price, Fixed8 q) in legs)
        {
            quantity += q;
            quote += Fixed8.Multiply(price, q);
        }

        return (quantity, quote);
    }

    private void Execute(SimOrder order, SimulatedSymbol symbol, Fixed8 price, Fixed8 quantity, bool isMaker, long nowMs, PrivateUpdates updates)
    {
        Instrument instrument = symbol.Instrument;
        decimal quote = Fixed8.Multiply(price, quantity);
        decimal commission = quote * (isMaker ? instrument.MakerFeeRate : instrument.TakerFeeRate);
        string baseAsset = instrument.BaseAsset, quoteAsset = instrument.QuoteAsset;
        bool fromHold = order.Type is SimOrderType.Limit or SimOrderType.LimitMaker;
        if (order.Side == Side.Buy)
        {
            decimal cost = quote + commission;
            if (fromHold)
            {
                // The hold covers each leg's cost exactly (taker legs at their price, the rest at the limit plus maker fee).
                order.Locked -= cost;
                _account.Change(quoteAsset, 0, -cost);
            }
            else
            {
                _account.Change(quoteAsset, -cost, 0);
            }

            _account.Change(baseAsset, quantity.ToDecimal(), 0);
        }
        else
        {
            if (fromHold)
            {
                order.Locked -= quantity.ToDecimal();
                _account.Change(baseAsset, 0, -quantity.ToDecimal());
            }
            else
            {
                _account.Change(baseAsset, -quantity.ToDecimal(), 0);
            }

            _account.Change(quoteAsset, quote - commission, 0);
        }

        order.ExecutedQuantity += quantity;
        order.CumulativeQuote += quote;
        order.UpdateTimeMs = nowMs;
        bool complete = order.OriginalQuantity.IsPositive && order.ExecutedQuantity == order.OriginalQuantity;
        order.Status = complete ? SimOrderStatus.Filled : SimOrderStatus.PartiallyFilled;
        var fill = new SimFill(
            (++_tradeSequence).ToString(CultureInfo.InvariantCulture), order.OrderId, order.ClientOrderId, symbol.Id, symbol.Name, order.Side,
            price, quantity, quote, commission, quoteAsset, isMaker, nowMs);
        _fills.Add(fill);
        updates.Deals.Add(new PrivateDeal
        {
            SymbolId = symbol.Id,
            Price = price,
            Quantity = quantity,
            Amount = Fixed8.RoundFromDecimal(quote),
            Side = order.Side,
            IsMaker = isMaker,
            TradeId = fill.TradeId,
            ClientOrderId = order.ClientOrderId,
            OrderId = order.OrderId,
            FeeAmount = Fixed8.RoundFromDecimal(commission),
            FeeAsset = quoteAsset,
            TradeTimeNs = nowMs * 1_000_000,
        });
        updates.Orders.Add(OrderUpdate(order, quantity, nowMs, isMaker));
        if (complete && order.Locked > 0)
        {
            // A buy that took liquidity below its limit spent less than it held: free the rest with the last fill.
            _account.Change(order.Side == Side.Buy ? quoteAsset : baseAsset, order.Locked, -order.Locked);
            order.Locked = 0;
        }

        AddBalanceUpdate(quoteAsset, nowMs, "ENTRUST", updates);
        AddBalanceUpdate(baseAsset, nowMs, "ENTRUST", updates);
    }

    /// <summary>Ends a working order: canceled (or partially canceled), its hold released; MARKET/IOC leftovers likewise.</summary>
    private void Finish(SimOrder order, SimulatedSymbol symbol, long nowMs, PrivateUpdates updates)
    {
        if (order.Status == SimOrderStatus.Filled)
        {
            return;
        }

        if (order.Type == SimOrderType.Market && order.OriginalQuoteQuantity.IsPositive)
        {
            // A quote-driven MARKET order is done once the book is walked: filled if it spent its amount (to the step).
            order.Status = order.ExecutedQuantity.IsPositive ? SimOrderStatus.Filled : SimOrderStatus.Canceled;
        }
        else
        {
            order.Status = order.ExecutedQuantity.IsZero ? SimOrderStatus.Canceled : SimOrderStatus.PartiallyCanceled;
        }

        order.UpdateTimeMs = nowMs;
        _resting.Remove(order);
        if (order.Locked > 0)
        {
            string asset = order.Side == Side.Buy ? symbol.Instrument.QuoteAsset : symbol.Instrument.BaseAsset;
            _account.Change(asset, order.Locked, -order.Locked);
            order.Locked = 0;
            AddBalanceUpdate(asset, nowMs, "ENTRUST_CANCEL", updates);
        }

        updates.Orders.Add(OrderUpdate(order, default, nowMs));
    }

    private void MoveToLocked(string asset, decimal amount, long nowMs, PrivateUpdates updates)
    {
        _account.Change(asset, -amount, amount);
        AddBalanceUpdate(asset, nowMs, "ENTRUST_PLACE", updates);
    }

    private void AddBalanceUpdate(string asset, long nowMs, string type, PrivateUpdates updates) =>
        updates.Balances.Add(new PrivateAccountUpdate
        {
            Asset = asset,
            CoinId = asset,
            Balance = Fixed8.RoundFromDecimal(_account.Free(asset)),
            Frozen = Fixed8.RoundFromDecimal(_account.Locked(asset)),
            ChangeType = type,
            ChangeTimeNs = nowMs * 1_000_000,
        });

    private static PrivateOrderUpdate OrderUpdate(SimOrder order, Fixed8 lastDeal, long nowMs, bool isMaker = false)
    {
        decimal amount = order.OriginalQuoteQuantity.IsPositive
            ? order.OriginalQuoteQuantity.ToDecimal()
            : Fixed8.Multiply(order.Price, order.OriginalQuantity);
        Fixed8 average = order.ExecutedQuantity.IsPositive
            ? Fixed8.RoundFromDecimal(order.CumulativeQuote / order.ExecutedQuantity.ToDecimal())
            : default;
        return new PrivateOrderUpdate
        {
            SymbolId = order.SymbolId,
            OrderId = order.OrderId,
            ClientOrderId = order.ClientOrderId,
            Price = order.Price,
            Quantity = order.OriginalQuantity,
            Amount = Fixed8.RoundFromDecimal(amount),
            AveragePrice = average,
            OrderType = (MexcOrderType)order.Type.ToPushCode(),
            Side = order.Side,
            IsMaker = isMaker,
            RemainingAmount = Fixed8.RoundFromDecimal(Math.Max(0, amount - order.CumulativeQuote)),
            RemainingQuantity = order.OriginalQuantity.IsPositive ? order.RemainingQuantity : default,
            LastDealQuantity = lastDeal,
            CumulativeQuantity = order.ExecutedQuantity,
            CumulativeAmount = Fixed8.RoundFromDecimal(order.CumulativeQuote),
            Status = (MexcOrderStatus)order.Status.ToPushCode(),
            CreateTimeNs = order.CreateTimeMs * 1_000_000,
        };
    }
}
