using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies;

namespace FlashTrader.Core.Decisions;

/// <summary>
/// Stage 3: turns a symbol's recent signals into at most one order per tick. Long-only (spot): enters when the net
/// signal score reaches EntryScore, sized from the free quote balance and the score, capped by MaxPosition and by what
/// the balance can pay; exits on take-profit, stop-loss, or when opposite signals outweigh. Never acts on a symbol
/// with an order still working, so it never stacks orders on an outcome it does not know yet.
/// </summary>
public sealed class DecisionEngine
{
    private readonly InstrumentSet _instruments;
    private readonly ExecutionOptions _options;
    private readonly SignalWindow[] _windows;
    private readonly long[] _nextEntryNs;
    private readonly ExitLevels[] _exitLevels;
    private readonly TickStamp[] _lastTick;
    private readonly int[] _entryStrategy;
    private readonly long[] _entryTimeNs;
    private readonly ExitRules[] _entryExits;
    private readonly Fixed8[] _peakBid;
    private readonly Fixed8[] _trailLevel;
    private readonly IStrategyRules? _rules;
    private readonly bool _reapplyExits;
    private readonly decimal _takeProfit;
    private readonly decimal _stopLoss;
    private readonly bool _marketEntries;
    private readonly TimeInForce _entryTif;
    private bool[] _retired = [];

    /// <param name="instruments">The configured pairs.</param>
    /// <param name="options">Entry score, sizing and default exits.</param>
    /// <param name="account">The engine's view of balances and positions.</param>
    /// <param name="firstOrderId">The next order id.</param>
    /// <param name="rules">Per-strategy exits and sizing (JSON strategies); the options apply where a strategy sets none.</param>
    /// <param name="reapplyExitsAtBoundary">False: a position keeps the exits in force at its entry; true: they follow the current session.</param>
    /// <param name="sizing">How entries are sized (default: the score-scaled share of PositionSizeFraction).</param>
    public DecisionEngine(InstrumentSet instruments, ExecutionOptions options, TradingAccount account, long firstOrderId = 1, IStrategyRules? rules = null, bool reapplyExitsAtBoundary = false, SizingOptions? sizing = null)
    {
        _rules = rules;
        _reapplyExits = reapplyExitsAtBoundary;
        Sizer = new EntrySizer(sizing ?? new SizingOptions(), options.PositionSizeFraction, instruments.Count);
        _instruments = instruments;
        _options = options;
        Account = account;
        _windows = [.. instruments.All.Select(_ => new SignalWindow(options.SignalWindowMs))];
        _nextEntryNs = new long[instruments.Count];
        _exitLevels = new ExitLevels[instruments.Count];
        _lastTick = new TickStamp[instruments.Count];
        _entryStrategy = new int[instruments.Count];
        _entryTimeNs = new long[instruments.Count];
        _entryExits = new ExitRules[instruments.Count];
        _peakBid = new Fixed8[instruments.Count];
        _trailLevel = new Fixed8[instruments.Count];
        _takeProfit = (decimal)options.TakeProfitBps / 10_000m;
        _stopLoss = (decimal)options.StopLossBps / 10_000m;
        _marketEntries = options.OrderType == "MARKET";
        _entryTif = options.TimeInForce switch { "GTC" => TimeInForce.Gtc, "FOK" => TimeInForce.Fok, _ => TimeInForce.Ioc };
        NextOrderId = firstOrderId;
    }

    public TradingAccount Account { get; }

    /// <summary>Sizes entries (Sizing:Mode) and keeps the banked share of profit out of them.</summary>
    public EntrySizer Sizer { get; }

    public long NextOrderId { get; private set; }

    public long Decisions { get; private set; }

    public long Entries { get; private set; }

    public long Exits { get; private set; }

    /// <summary>Signals received (all symbols).</summary>
    public long SignalsSeen { get; private set; }

    public double Score(int symbolId) => _windows[symbolId].Score;

    /// <summary>Takes in a tick and its signals without deciding (a resumed replay catching up to its journaled position).</summary>
    public void Observe(in MarketTick tick, in SignalSet signals)
    {
        int symbol = tick.SymbolId;
        SignalWindow window = _windows[symbol];
        Account.OnTick(tick);
        _lastTick[symbol] = new TickStamp(tick.ExchangeTimeNs, tick.Sequence, tick.ReceivedTimestamp);
        for (int i = 0; i < signals.Count; i++)
        {
            int id = signals[i].StrategyId;
            if ((uint)id < (uint)_retired.Length && _retired[id])
            {
                continue; // a version the operator replaced, or a strategy disabled: in flight when the change applied
            }

            window.Add(signals[i]);
            SignalsSeen++;
        }

        window.Expire(tick.ExchangeTimeNs);
        if (tick.FeaturesRef.Tradeable)
        {
            Sizer.OnMid(symbol, tick.ExchangeTimeNs, tick.FeaturesRef.Mid);
        }
    }

    /// <summary>From now on ignores the signals of strategy id <paramref name="strategyId"/>, and forgets those it holds.</summary>
    public void Retire(int strategyId)
    {
        if (strategyId <= 0)
        {
            return;
        }

        if (strategyId >= _retired.Length)
        {
            Array.Resize(ref _retired, strategyId + 8);
        }

        _retired[strategyId] = true;
        foreach (SignalWindow window in _windows)
        {
            window.Remove(strategyId);
        }
    }

    /// <summary>Trades the signals of <paramref name="strategyId"/> again (a re-enabled strategy, or a version switched back to).</summary>
    public void Admit(int strategyId)
    {
        if ((uint)strategyId < (uint)_retired.Length)
        {
            _retired[strategyId] = false;
        }
    }

    public bool TryDecide(in MarketTick tick, in SignalSet signals, out OrderRequest order)
    {
        Observe(tick, signals);
        int symbol = tick.SymbolId;
        SignalWindow window = _windows[symbol];
        order = default;
        if (!tick.FeaturesRef.Tradeable || Account.WorkingOrdersOn(symbol) > 0)
        {
            return false;
        }

        Instrument instrument = _instruments[symbol];
        PositionLedger position = Account.Position(symbol);
        bool holding = position.Quantity >= instrument.MinQuantity;
        bool decided = holding ? TryExit(tick, instrument, position, window.Score, out order) : TryEnter(tick, instrument, position, window, out order);
        if (decided)
        {
            // Entries and signal exits belong to the strongest signal behind them; rule-based exits to the entry's strategy.
            int strategy = order.Purpose switch
            {
                OrderPurpose.Entry => order.StrategyId,
                OrderPurpose.SignalExit => window.Leader(buying: false),
                _ => _entryStrategy[symbol],
            };
            order = order with { StrategyId = strategy };
            Decisions++;
            Account.OnOrderSent(order);
        }

        return decided;
    }

    private bool TryExit(in MarketTick tick, Instrument instrument, PositionLedger position, double score, out OrderRequest order)
    {
        order = default;
        Fixed8 bid = tick.FeaturesRef.BestBid;
        int id = instrument.Id;
        ref ExitLevels levels = ref _exitLevels[id];
        if (_reapplyExits && _rules is not null && _rules.TryGetRules(_entryStrategy[id], tick.ExchangeTimeNs, out ExitRules now, out _))
        {
            _entryExits[id] = now; // the current session's exits, not the entry's
        }

        ExitRules exits = _entryExits[id];
        if (levels.Quantity != position.Quantity || levels.Cost != position.Cost || levels.Exits != exits)
        {
            // Recomputed only when the position or its rules change: decimal division stays off the per-tick path.
            decimal entry = position.AverageEntryPrice;
            decimal takeProfit = exits.TakeProfitBps is double tp ? (decimal)tp / 10_000m : _takeProfit;
            decimal stopLoss = exits.StopLossBps is double sl ? (decimal)sl / 10_000m : _stopLoss;
            levels = new ExitLevels(position.Quantity, position.Cost, exits, Fixed8.RoundFromDecimal(entry * (1 + takeProfit)), Fixed8.RoundFromDecimal(entry * (1 - stopLoss)));
        }

        if (exits.TrailingStopBps is double trail && bid > _peakBid[id])
        {
            // A new high since entry: the trailing level moves up (decimal only on new highs).
            _peakBid[id] = bid;
            _trailLevel[id] = Fixed8.RoundFromDecimal(bid.ToDecimal() * (1 - ((decimal)trail / 10_000m)));
        }

        OrderPurpose purpose;
        if (bid >= levels.TakeProfit)
        {
            purpose = OrderPurpose.TakeProfit;
        }
        else if (bid <= levels.StopLoss)
        {
            purpose = OrderPurpose.StopLoss;
        }
        else if (exits.TrailingStopBps is not null && bid <= _trailLevel[id])
        {
            purpose = OrderPurpose.TrailingStop;
        }
        else if (exits.TimeStopMs is long ms && tick.ExchangeTimeNs - _entryTimeNs[id] >= ms * 1_000_000L)
        {
            purpose = OrderPurpose.TimeStop;
        }
        else if (score <= -_options.EntryScore)
        {
            purpose = OrderPurpose.SignalExit;
        }
        else
        {
            return false;
        }

        Fixed8 quantity = SellableQuantity(instrument, position);
        if (quantity < instrument.MinQuantity)
        {
            return false;
        }

        // A stop must get out: market order. Profit-taking, time and signal exits sell at the bid, IOC.
        OrderType type = purpose is OrderPurpose.StopLoss or OrderPurpose.TrailingStop ? OrderType.Market : OrderType.Limit;
        order = NewOrder(tick, Side.Sell, type, TimeInForce.Ioc, type == OrderType.Market ? default : bid, quantity, purpose, -1, Math.Min(1, Math.Abs(score)));
        Exits++;
        return true;
    }

    private bool TryEnter(in MarketTick tick, Instrument instrument, PositionLedger position, SignalWindow window, out OrderRequest order)
    {
        order = default;
        double score = window.Score;
        if (score < _options.EntryScore || tick.ExchangeTimeNs < _nextEntryNs[instrument.Id])
        {
            return false;
        }

        int strategy = window.Leader(buying: true);
        ExitRules exits = default;
        double? fraction = null;
        if (_rules is not null && _rules.TryGetRules(strategy, tick.ExchangeTimeNs, out exits, out SizingRule sizing))
        {
            fraction = sizing.Fraction;
        }

        Fixed8 ask = tick.FeaturesRef.BestAsk;
        decimal askPrice = ask.ToDecimal();
        double strength = Math.Min(1, score);
        decimal budget = Sizer.Budget(Account, instrument.Id, strength, askPrice, fraction);
        // Only what is spendable: funds locked by working buys and banked profit are not. Leave room for fees and
        // slippage so the order is always affordable (the old system's oversizing bug).
        decimal affordable = Sizer.Spendable(Account, instrument.Id) / (askPrice * (1 + instrument.TakerFeeRate) * 1.01m);
        decimal room = (instrument.MaxPosition - position.Quantity).ToDecimal();
        decimal quantity = Math.Min(Math.Min(budget / askPrice, affordable), room);
        Fixed8 qty = quantity <= 0 ? default : Fixed8.RoundFromDecimal(Math.Min(quantity, 1_000_000m)).TruncateTo(instrument.QuantityDecimals);
        if (qty < instrument.MinQuantity)
        {
            return false;
        }

        _nextEntryNs[instrument.Id] = tick.ExchangeTimeNs + (_options.EntryCooldownMs * 1_000_000L);
        OrderType type = _marketEntries ? OrderType.Market : OrderType.Limit;
        order = NewOrder(tick, Side.Buy, type, type == OrderType.Market ? TimeInForce.Ioc : _entryTif, type == OrderType.Market ? default : ask, qty, OrderPurpose.Entry, -1, strength) with { StrategyId = strategy };
        // The position this entry opens keeps these exits (resolved in the entry's session) unless configured otherwise.
        _entryStrategy[instrument.Id] = strategy;
        _entryExits[instrument.Id] = exits;
        _entryTimeNs[instrument.Id] = tick.ExchangeTimeNs;
        _peakBid[instrument.Id] = default;
        _trailLevel[instrument.Id] = default;
        Entries++;
        return true;
    }

    /// <summary>
    /// The kill switch's exit: a market sell of every position the balance holds, stamped with the symbol's last tick.
    /// Sent even while other orders work on the symbol: the kill cancels those first.
    /// </summary>
    public void Flatten(List<OrderRequest> orders)
    {
        for (int symbol = 0; symbol < _instruments.Count; symbol++)
        {
            Instrument instrument = _instruments[symbol];
            PositionLedger position = Account.Position(symbol);
            Fixed8 quantity = SellableQuantity(instrument, position);
            if (quantity < instrument.MinQuantity)
            {
                continue;
            }

            TickStamp last = _lastTick[symbol];
            var order = new OrderRequest(NextOrderId++, symbol, Side.Sell, OrderType.Market, TimeInForce.Ioc, default, quantity, OrderPurpose.Flatten, -1, 1,
                last.ExchangeTimeNs, last.Sequence, last.ReceivedTimestamp);
            Decisions++;
            Exits++;
            Account.OnOrderSent(order);
            orders.Add(order);
        }
    }

    /// <summary>What an exit can sell: the position, no more than the balance holds, in the pair's quantity steps.</summary>
    private Fixed8 SellableQuantity(Instrument instrument, PositionLedger position) =>
        Fixed8.Min(position.Quantity, Fixed8.RoundFromDecimal(Account.BaseBalance(instrument.Id))).TruncateTo(instrument.QuantityDecimals);

    private OrderRequest NewOrder(in MarketTick tick, Side side, OrderType type, TimeInForce tif, Fixed8 price, Fixed8 quantity, OrderPurpose purpose, int source, double strength) =>
        new(NextOrderId++, tick.SymbolId, side, type, tif, price, quantity, purpose, source, strength, tick.ExchangeTimeNs, tick.Sequence, tick.ReceivedTimestamp);

    public void OnReport(in ExecutionReport report) => Account.OnReport(report);

    /// <summary>When and from which event a symbol was last seen, for orders not caused by a tick.</summary>
    private readonly record struct TickStamp(long ExchangeTimeNs, long Sequence, long ReceivedTimestamp);

    /// <summary>Take-profit and stop-loss prices of the position they were computed for.</summary>
    private readonly record struct ExitLevels(Fixed8 Quantity, decimal Cost, ExitRules Exits, Fixed8 TakeProfit, Fixed8 StopLoss);
}
