using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;

namespace FlashTrader.Core.Risk;

/// <summary>
/// Stage 4: the pre-trade gate every order passes (book state, halt, rounding to the pair's precision, minimum size and
/// notional, max position, notional and exposure limits per pair, correlation group, account and strategy, spread and
/// volatility bounds, open orders, orders per UTC day and per minute), and the circuit breakers that halt new entries
/// (drawdown, daily loss, losing streak, stale data, rejections). Exits always pass a halt: reducing risk is never
/// blocked. Every rejection is counted by reason; every trip is recorded with its reason. Time is event time.
/// </summary>
public sealed class RiskManager
{
    private const long MinuteNs = 60_000_000_000L;
    private const long DayNs = 86_400_000_000_000L;
    private static readonly int BreakerCount = Enum.GetValues<CircuitBreaker>().Length;

    private readonly InstrumentSet _instruments;
    private readonly ExecutionOptions _execution;
    private RiskOptions _risk;
    private readonly RejectionCounts _rejections = new();
    private int[][] _groups;
    private readonly long[] _lastEventNs;
    private readonly string?[] _tripReason = new string?[BreakerCount];
    private readonly long[] _holdUntilNs = new long[BreakerCount];
    private readonly long[] _tripOrder = new long[BreakerCount];
    private readonly long[] _tripTimeNs = new long[BreakerCount];
    private readonly List<BreakerTrip> _trips = [];
    private long[] _orderTimes;
    private long[] _rejectionTimes;
    private int _orderHead;
    private int _orderCount;
    private int _rejectionHead;
    private int _rejectionCount;
    private int _tripped;
    private long _tripCounter;
    private long _nowNs = long.MinValue;
    private string? _manualHalt;
    private long _day = long.MinValue;
    private int _ordersToday;
    private decimal _dayStartEquity;
    private decimal _peakEquity;
    private bool _limitsChanged;

    public RiskManager(InstrumentSet instruments, ExecutionOptions execution, RiskOptions risk, TradingAccount account)
    {
        _instruments = instruments;
        _execution = execution;
        _risk = risk;
        Account = account;
        _groups = Groups(risk, instruments);
        _lastEventNs = new long[instruments.Count];
        Array.Fill(_lastEventNs, long.MinValue);
        _orderTimes = new long[Math.Max(1, risk.MaxOrdersPerMinute)];
        _rejectionTimes = new long[Math.Max(1, risk.MaxRejections)];
    }

    public TradingAccount Account { get; }

    public bool Halted => _manualHalt is not null || _tripped > 0;

    /// <summary>Why new entries are halted (an operator's halt first, else the breaker that tripped first), or null.</summary>
    public string? HaltReason
    {
        get
        {
            if (_manualHalt is not null || _tripped == 0)
            {
                return _manualHalt;
            }

            int first = -1;
            for (int b = 0; b < BreakerCount; b++)
            {
                if (_tripReason[b] is not null && (first < 0 || _tripOrder[b] < _tripOrder[first]))
                {
                    first = b;
                }
            }

            return _tripReason[first];
        }
    }

    /// <summary>Every breaker trip of the run, in order.</summary>
    public IReadOnlyList<BreakerTrip> Trips => _trips;

    public bool IsTripped(CircuitBreaker breaker) => _tripReason[(int)breaker] is not null;

    /// <summary>The limits in force (the configured ones until an operator replaces them).</summary>
    public RiskOptions Limits => _risk;

    /// <summary>Equity at the last valuation (quote currency); 0 until the account can be valued.</summary>
    public decimal Equity { get; private set; }

    public decimal PeakEquity => _peakEquity;

    /// <summary>Equity when the current UTC day began.</summary>
    public decimal DayStartEquity => _dayStartEquity;

    /// <summary>Drop from the peak at the last valuation, in percent: the usage of MaxDrawdownPercent.</summary>
    public double DrawdownPercent => _peakEquity > 0 ? (double)((_peakEquity - Equity) / _peakEquity * 100) : 0;

    /// <summary>Loss since the UTC day began (negative when up): the usage of DailyLossLimit.</summary>
    public decimal DayLoss => _dayStartEquity - Equity;

    /// <summary>Orders approved since the UTC day began: the usage of MaxDailyOrders.</summary>
    public int OrdersToday => _ordersToday;

    public decimal MaxDrawdown { get; private set; }

    public double MaxDrawdownPercent { get; private set; }

    public long Approved { get; private set; }

    public long Rejected { get; private set; }

    public long RejectionsFor(RejectReason reason) => _rejections[reason];

    public IReadOnlyDictionary<string, long> RejectionsByReason() => _rejections.ByName();

    /// <summary>Why a tripped breaker asked for a flatten (Risk:FlattenOnBreaker), until taken.</summary>
    public string? PendingFlatten { get; private set; }

    /// <summary>
    /// Counts changes to what <see cref="CaptureState"/> holds, except the equity peak (which moves with the marks and rides
    /// along with the next change): a host journals the state whenever this moves.
    /// </summary>
    public long StateVersion { get; private set; }

    /// <summary>Takes the flatten a breaker asked for; the host sends it through the control path.</summary>
    public bool TakeFlattenRequest(out string reason)
    {
        reason = PendingFlatten ?? "";
        PendingFlatten = null;
        return reason.Length > 0;
    }

    /// <summary>
    /// Replaces the limits between two events. The next tick re-checks them even if equity has not moved, so a tightened
    /// limit that is already exceeded halts at once; loosening a limit does not lift a halt in force (resume does).
    /// </summary>
    public void SetLimits(RiskOptions limits)
    {
        _risk = limits ?? throw new ArgumentNullException(nameof(limits));
        _groups = Groups(limits, _instruments);
        if (_orderTimes.Length != Math.Max(1, limits.MaxOrdersPerMinute))
        {
            _orderTimes = new long[Math.Max(1, limits.MaxOrdersPerMinute)];
            _orderHead = 0;
            _orderCount = 0;
        }

        if (_rejectionTimes.Length != Math.Max(1, limits.MaxRejections))
        {
            _rejectionTimes = new long[Math.Max(1, limits.MaxRejections)];
            _rejectionHead = 0;
            _rejectionCount = 0;
        }

        _limitsChanged = true;
    }


    /// <summary>Halts new entries by hand (pause, kill switch); exits still pass.</summary>
    public void Halt(string reason)
    {
        if (_manualHalt is null)
        {
            _manualHalt = reason;
            StateVersion++;
        }
    }

    /// <summary>Clears an operator's halt and every breaker (breakers whose condition still holds trip again).</summary>
    public void Resume()
    {
        _manualHalt = null;
        StateVersion++;
        ResetBreakers();
    }

    /// <summary>
    /// Resets every breaker by hand, leaving an operator's halt alone. The drawdown peak and the day's starting equity
    /// restart from the equity now, so a reset means "measure from here"; the losing streak and rejection window restart.
    /// </summary>
    public void ResetBreakers()
    {
        Array.Clear(_tripReason);
        _tripped = 0;
        StateVersion++;
        _rejectionCount = 0;
        Account.ClosedTrades.ResetStreak();
        if (Account.CanValueEquity && _day != long.MinValue)
        {
            _peakEquity = Account.Equity();
            _dayStartEquity = _peakEquity;
        }
    }

    /// <summary>Watches every tick: breaker cooldowns, stale data, drawdown from the peak and loss since the UTC day began.</summary>
    public void OnTick(in MarketTick tick)
    {
        Account.OnTick(tick);
        _lastEventNs[tick.SymbolId] = tick.ExchangeTimeNs;
        if (tick.ExchangeTimeNs > _nowNs)
        {
            _nowNs = tick.ExchangeTimeNs;
        }

        if (_tripped > 0)
        {
            ExpireCooldowns();
        }

        if (_risk.StaleDataMs > 0)
        {
            WatchStaleness();
        }

        // Asked first: on most ticks nothing the limits depend on has moved, and this is cheaper than walking the marks.
        long day = tick.ExchangeTimeNs / DayNs;
        if (day == _day && !Account.EquityChanged && !_limitsChanged)
        {
            return;
        }

        if (!Account.CanValueEquity)
        {
            return;
        }

        _limitsChanged = false;
        decimal equity = Account.Equity();
        Equity = equity;
        if (day > _day)
        {
            // Forward only: a pair's tick a moment late across midnight must not reopen the day before.
            _day = day;
            StateVersion++;
            _ordersToday = 0;
            _dayStartEquity = equity;
            Clear(CircuitBreaker.DailyLoss);
        }

        if (equity > _peakEquity)
        {
            _peakEquity = equity;
        }

        decimal drawdown = _peakEquity - equity;
        if (drawdown > MaxDrawdown)
        {
            MaxDrawdown = drawdown;
            MaxDrawdownPercent = _peakEquity > 0 ? (double)(drawdown / _peakEquity * 100) : 0;
        }

        // Checked only while untripped: a reason is formatted once, not on every tick of a halt.
        if (!IsTripped(CircuitBreaker.MaxDrawdown) && _peakEquity > 0 && (double)(drawdown / _peakEquity * 100) >= _risk.MaxDrawdownPercent)
        {
            Trip(CircuitBreaker.MaxDrawdown, $"max drawdown {_risk.MaxDrawdownPercent}% reached", long.MaxValue);
        }

        if (!IsTripped(CircuitBreaker.DailyLoss) && _dayStartEquity - equity >= _risk.DailyLossLimit)
        {
            Trip(CircuitBreaker.DailyLoss, $"daily loss limit {_risk.DailyLossLimit} reached", long.MaxValue);
        }
    }

    /// <summary>
    /// A tick of a resumed replay's catch-up (already journaled): it moves the marks and the pairs' freshness only. Equity
    /// is not watched on it: the restored positions valued at old prices would make a peak or a loss that never was.
    /// </summary>
    public void OnCatchUpTick(in MarketTick tick)
    {
        Account.OnTick(tick);
        _lastEventNs[tick.SymbolId] = tick.ExchangeTimeNs;
    }

    /// <summary>The state a restart must not lose (see <see cref="RiskState"/>); allocates, so call it when <see cref="StateVersion"/> moved.</summary>
    public RiskState CaptureState()
    {
        var breakers = new List<BreakerState>(_tripped);
        for (int b = 0; b < BreakerCount; b++)
        {
            if (_tripReason[b] is string reason)
            {
                breakers.Add(new BreakerState((CircuitBreaker)b, reason, _tripTimeNs[b], _holdUntilNs[b], _tripOrder[b]));
            }
        }

        return new RiskState
        {
            Breakers = breakers,
            Halt = _manualHalt,
            Day = _day,
            DayStartEquity = _dayStartEquity,
            OrdersToday = _ordersToday,
            PeakEquity = _peakEquity,
            MaxDrawdown = MaxDrawdown,
            MaxDrawdownPercent = MaxDrawdownPercent,
            ConsecutiveLosses = Account.ClosedTrades.ConsecutiveLosses,
            OrderTimes = Window(_orderTimes, _orderHead, _orderCount),
            RejectionTimes = Window(_rejectionTimes, _rejectionHead, _rejectionCount),
            NowNs = _nowNs,
            TripCounter = _tripCounter,
        };
    }

    /// <summary>
    /// Continues from a journaled state before the first event: breakers stay tripped with their reasons and hold times,
    /// an operator's halt stays, and the day, peak, streak and windows go on from where they were. A window longer than
    /// the limits now allow keeps its newest times. Breakers reset by their rules as the events go on.
    /// </summary>
    public void RestoreState(RiskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Array.Clear(_tripReason);
        _tripped = 0;
        foreach (BreakerState breaker in state.Breakers)
        {
            int b = (int)breaker.Breaker;
            if (_tripReason[b] is null)
            {
                _tripped++;
            }

            _tripReason[b] = breaker.Reason;
            _holdUntilNs[b] = breaker.HoldUntilNs;
            _tripOrder[b] = breaker.TripOrder;
            _tripTimeNs[b] = breaker.TrippedAtNs;
        }

        _manualHalt = state.Halt;
        _day = state.Day;
        _dayStartEquity = state.DayStartEquity;
        _ordersToday = state.OrdersToday;
        _peakEquity = state.PeakEquity;
        MaxDrawdown = state.MaxDrawdown;
        MaxDrawdownPercent = state.MaxDrawdownPercent;
        Account.ClosedTrades.RestoreStreak(state.ConsecutiveLosses);
        _orderHead = 0;
        _orderCount = Fill(_orderTimes, state.OrderTimes);
        _rejectionHead = 0;
        _rejectionCount = Fill(_rejectionTimes, state.RejectionTimes);
        _nowNs = state.NowNs;
        _tripCounter = Math.Max(state.TripCounter, state.Breakers.Count == 0 ? 0 : state.Breakers.Max(t => t.TripOrder));
        StateVersion++;
    }

    private static long[] Window(long[] ring, int head, int count)
    {
        var times = new long[count];
        for (int i = 0; i < count; i++)
        {
            times[i] = ring[(head + i) % ring.Length];
        }

        return times;
    }

    private static int Fill(long[] ring, IReadOnlyList<long> times)
    {
        int count = Math.Min(ring.Length, times.Count);
        for (int i = 0; i < count; i++)
        {
            ring[i] = times[times.Count - count + i];
        }

        return count;
    }

    private void ExpireCooldowns()
    {
        for (int b = 0; b < BreakerCount; b++)
        {
            if (_tripReason[b] is not null && _holdUntilNs[b] <= _nowNs)
            {
                Clear((CircuitBreaker)b);
            }
        }
    }

    private void WatchStaleness()
    {
        long limit = _risk.StaleDataMs * 1_000_000L;
        int stale = -1;
        for (int s = 0; s < _lastEventNs.Length; s++)
        {
            // A pair that never had an event is not stale: a replay may simply not carry it.
            if (_lastEventNs[s] != long.MinValue && _nowNs - _lastEventNs[s] > limit)
            {
                stale = s;
                break;
            }
        }

        if (stale < 0)
        {
            Clear(CircuitBreaker.StaleMarketData);
        }
        else if (!IsTripped(CircuitBreaker.StaleMarketData))
        {
            long silentMs = (_nowNs - _lastEventNs[stale]) / 1_000_000;
            Trip(CircuitBreaker.StaleMarketData, $"stale market data: {_instruments[stale].Symbol} silent for {silentMs} ms (limit {_risk.StaleDataMs} ms)", long.MaxValue);
        }
    }

    private void Trip(CircuitBreaker breaker, string reason, long holdUntilNs)
    {
        int b = (int)breaker;
        if (_tripReason[b] is not null)
        {
            return;
        }

        _tripReason[b] = reason;
        _holdUntilNs[b] = holdUntilNs;
        _tripOrder[b] = ++_tripCounter;
        _tripTimeNs[b] = _nowNs;
        _tripped++;
        StateVersion++;
        _trips.Add(new BreakerTrip(breaker, reason, _nowNs));
        if (_risk.FlattenOnBreaker)
        {
            PendingFlatten ??= "breaker: " + reason;
        }
    }

    private void Clear(CircuitBreaker breaker)
    {
        int b = (int)breaker;
        if (_tripReason[b] is null)
        {
            return;
        }

        _tripReason[b] = null;
        _tripped--;
        StateVersion++;
    }

    private static long Until(long nowNs, int cooldownMs) => cooldownMs > 0 ? nowNs + (cooldownMs * 1_000_000L) : long.MaxValue;

    /// <summary>Approves an order (rounded to the pair's rules) or names why not.</summary>
    public bool TryApprove(in OrderRequest intent, in MarketFeatures features, out OrderRequest order, out RejectReason reason)
    {
        order = intent;
        reason = Check(intent, features, ref order);
        if (reason == RejectReason.None)
        {
            Approved++;
            _ordersToday++;
            StateVersion++;
            if (_risk.MaxOrdersPerMinute > 0)
            {
                Push(_orderTimes, ref _orderHead, ref _orderCount, order.DecisionTimeNs);
            }

            Account.OnOrderSent(order);
            return true;
        }

        Rejected++;
        _rejections.Add(reason);
        return false;
    }

    private RejectReason Check(in OrderRequest intent, in MarketFeatures features, ref OrderRequest order)
    {
        Instrument instrument = _instruments[intent.SymbolId];
        if (!features.Tradeable)
        {
            return RejectReason.BookNotSynced;
        }

        bool entry = !intent.ReducesPosition;
        if (Halted && entry)
        {
            return RejectReason.TradingHalted;
        }

        Fixed8 quantity = intent.Quantity.TruncateTo(instrument.QuantityDecimals);
        Fixed8 price = intent.Price;
        if (intent.Type == OrderType.Limit)
        {
            // Round toward the passive side: never pay more (or sell for less) than the engine decided.
            price = intent.Side == Side.Sell ? price.CeilingTo(instrument.PriceDecimals) : price.TruncateTo(instrument.PriceDecimals);
            if (!price.IsPositive)
            {
                return RejectReason.InvalidPrice;
            }
        }

        order = intent with { Quantity = quantity, Price = price };
        if (quantity < instrument.MinQuantity)
        {
            return RejectReason.BelowMinQuantity;
        }

        Fixed8 reference = intent.Type == OrderType.Limit ? price : (intent.Side == Side.Buy ? features.BestAsk : features.BestBid);
        decimal notional = Fixed8.Multiply(reference, quantity);
        if (notional < instrument.MinNotional)
        {
            return RejectReason.BelowMinNotional;
        }

        if (intent.Side == Side.Buy && Account.Position(intent.SymbolId).Quantity + quantity > instrument.MaxPosition)
        {
            return RejectReason.MaxPosition;
        }

        if (entry && intent.Side == Side.Buy)
        {
            RejectReason exposure = CheckEntry(intent, features, notional);
            if (exposure != RejectReason.None)
            {
                return exposure;
            }
        }

        if (Account.WorkingOrders >= _execution.MaxOpenOrders)
        {
            return RejectReason.MaxOpenOrders;
        }

        if (_ordersToday >= _execution.MaxDailyOrders)
        {
            return RejectReason.MaxDailyOrders;
        }

        if (_risk.MaxOrdersPerMinute > 0 && _orderCount == _orderTimes.Length && intent.DecisionTimeNs - _orderTimes[_orderHead] < MinuteNs)
        {
            return RejectReason.MaxOrdersPerMinute;
        }

        return RejectReason.None;
    }

    /// <summary>The market-condition bounds and exposure limits a new position must respect.</summary>
    private RejectReason CheckEntry(in OrderRequest intent, in MarketFeatures features, decimal notional)
    {
        if (_risk.MaxSpreadBps > 0 && features.SpreadBps > _risk.MaxSpreadBps)
        {
            return RejectReason.SpreadTooWide;
        }

        if (_risk.MaxVolatilityPercent > 0 && features.VolatilityPercent > _risk.MaxVolatilityPercent)
        {
            return RejectReason.VolatilityTooHigh;
        }

        int symbol = intent.SymbolId;
        if (_risk.MaxNotionalPerPair > 0 && PairExposure(symbol) + notional > _risk.MaxNotionalPerPair)
        {
            return RejectReason.MaxNotional;
        }

        for (int g = 0; g < _groups.Length; g++)
        {
            int[] group = _groups[g];
            if (_risk.CorrelationGroups[g].MaxExposure <= 0 || Array.IndexOf(group, symbol) < 0)
            {
                continue;
            }

            decimal held = 0;
            foreach (int s in group)
            {
                held += PairExposure(s);
            }

            if (held + notional > _risk.CorrelationGroups[g].MaxExposure)
            {
                return RejectReason.MaxCorrelatedExposure;
            }
        }

        if (_risk.MaxTotalExposure > 0)
        {
            decimal total = 0;
            for (int s = 0; s < _instruments.Count; s++)
            {
                total += PairExposure(s);
            }

            if (total + notional > _risk.MaxTotalExposure)
            {
                return RejectReason.MaxExposure;
            }
        }

        if (_risk.MaxExposurePerStrategy > 0)
        {
            decimal held = Account.WorkingBuyNotionalOf(intent.SignalSource);
            for (int s = 0; s < _instruments.Count; s++)
            {
                if (Account.PositionSource(s) == intent.SignalSource)
                {
                    held += Fixed8.Multiply(Account.Mark(s), Account.Position(s).Quantity);
                }
            }

            if (held + notional > _risk.MaxExposurePerStrategy)
            {
                return RejectReason.MaxStrategyExposure;
            }
        }

        return RejectReason.None;
    }

    /// <summary>A pair's notional: its position at the mark plus what its working buys commit.</summary>
    private decimal PairExposure(int symbol) =>
        Fixed8.Multiply(Account.Mark(symbol), Account.Position(symbol).Quantity) + Account.WorkingBuyNotional(symbol);

    /// <summary>Learns from an execution report: balances, the losing streak, the rejection window.</summary>
    public void OnReport(in ExecutionReport report)
    {
        if (report.TimeNs > _nowNs)
        {
            _nowNs = report.TimeNs;
        }

        int closedBefore = Account.ClosedTrades.Count;
        Account.OnReport(report);
        ClosedTrades trades = Account.ClosedTrades;
        if (trades.Count > closedBefore)
        {
            StateVersion++; // the losing streak moved
        }

        if (_risk.MaxConsecutiveLosses > 0 && trades.Count > closedBefore && trades.ConsecutiveLosses >= _risk.MaxConsecutiveLosses)
        {
            Trip(CircuitBreaker.ConsecutiveLosses, $"{trades.ConsecutiveLosses} consecutive losing trades", Until(_nowNs, _risk.ConsecutiveLossCooldownMs));
            trades.ResetStreak();
        }

        // A halt's own refusals are not counted: they would keep the breaker tripped forever.
        if (_risk.MaxRejections > 0 && report.Status == OrderStatus.Rejected && report.RejectReason != RejectReason.TradingHalted)
        {
            Push(_rejectionTimes, ref _rejectionHead, ref _rejectionCount, report.TimeNs);
            StateVersion++;
            if (_rejectionCount == _rejectionTimes.Length && report.TimeNs - _rejectionTimes[_rejectionHead] <= _risk.RejectionWindowMs * 1_000_000L)
            {
                Trip(CircuitBreaker.Rejections, $"{_risk.MaxRejections} rejections within {_risk.RejectionWindowMs} ms", Until(_nowNs, _risk.RejectionCooldownMs));
                _rejectionCount = 0;
            }
        }
    }

    /// <summary>Appends a time to a ring that keeps the newest ring-length times; head is the oldest when full.</summary>
    private static void Push(long[] ring, ref int head, ref int count, long timeNs)
    {
        if (count < ring.Length)
        {
            ring[(head + count) % ring.Length] = timeNs;
            count++;
            return;
        }

        ring[head] = timeNs;
        head = (head + 1) % ring.Length;
    }

    /// <summary>The symbol ids of each correlation group, by the group's index in the options.</summary>
    private static int[][] Groups(RiskOptions risk, InstrumentSet instruments) =>
        [.. risk.CorrelationGroups.Select(g => g.Symbols.Select(s => instruments.Find(s)?.Id ?? -1).Where(id => id >= 0).ToArray())];
}
