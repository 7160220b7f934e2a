using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;

namespace FlashTrader.Core.Risk;

/// <summary>
/// Stage 4: the pre-trade gate every order passes (book state, halt, rounding to the pair's precision, minimum size and
/// notional, max position, open orders, orders per UTC day), and the watcher of equity that halts new entries on max
/// drawdown or the daily loss limit. Exits always pass a halt: reducing risk is never blocked. Every rejection is
/// counted by reason.
/// </summary>
public sealed class RiskManager
{
    private readonly InstrumentSet _instruments;
    private readonly ExecutionOptions _execution;
    private RiskOptions _risk;
    private readonly RejectionCounts _rejections = new();
    private long _day = long.MinValue;
    private int _ordersToday;
    private decimal _dayStartEquity;
    private decimal _peakEquity;
    private bool _dailyHalt;
    private bool _limitsChanged;

    public RiskManager(InstrumentSet instruments, ExecutionOptions execution, RiskOptions risk, TradingAccount account)
    {
        _instruments = instruments;
        _execution = execution;
        _risk = risk;
        Account = account;
    }

    public TradingAccount Account { get; }

    public bool Halted => HaltReason is not null;

    /// <summary>Why new entries are halted, or null.</summary>
    public string? HaltReason { get; private set; }

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

    /// <summary>Halts new entries by hand (kill switch); exits still pass.</summary>
    public void Halt(string reason) => HaltReason ??= reason;

    /// <summary>Clears a halt by hand (the daily-loss halt also clears at the next UTC day).</summary>
    public void Resume()
    {
        HaltReason = null;
        _dailyHalt = false;
    }

    /// <summary>
    /// Replaces the limits between two events. The next tick re-checks them even if equity has not moved, so a tightened
    /// limit that is already exceeded halts at once; loosening a limit does not lift a halt in force (resume does).
    /// </summary>
    public void SetLimits(RiskOptions limits)
    {
        _risk = limits ?? throw new ArgumentNullException(nameof(limits));
        _limitsChanged = true;
    }

    /// <summary>Watches equity on every tick: drawdown from the peak and loss since the UTC day began.</summary>
    public void OnTick(in MarketTick tick)
    {
        Account.OnTick(tick);
        if (!Account.CanValueEquity)
        {
            return;
        }

        long day = tick.ExchangeTimeNs / 86_400_000_000_000L;
        if (day == _day && !Account.EquityChanged && !_limitsChanged)
        {
            return; // nothing the limits depend on has moved
        }

        _limitsChanged = false;
        decimal equity = Account.Equity();
        Equity = equity;
        if (day != _day)
        {
            _day = day;
            _ordersToday = 0;
            _dayStartEquity = equity;
            if (_dailyHalt)
            {
                _dailyHalt = false;
                HaltReason = null;
            }
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

        // Checked only while not halted: the reason is formatted once, not on every tick of a halt (Halt keeps the first).
        if (HaltReason is null && _peakEquity > 0 && (double)(drawdown / _peakEquity * 100) >= _risk.MaxDrawdownPercent)
        {
            Halt($"max drawdown {_risk.MaxDrawdownPercent}% reached");
        }

        // Only a halt this rule set itself is lifted at the next UTC day, never a kill switch or drawdown halt in force.
        if (HaltReason is null && _dayStartEquity - equity >= _risk.DailyLossLimit)
        {
            _dailyHalt = true;
            Halt($"daily loss limit {_risk.DailyLossLimit} reached");
        }
    }

    /// <summary>Approves an order (rounded to the pair's rules) or names why not.</summary>
    public bool TryApprove(in OrderRequest intent, in MarketFeatures features, out OrderRequest order, out RejectReason reason)
    {
        order = intent;
        reason = Check(intent, features, ref order);
        if (reason == RejectReason.None)
        {
            Approved++;
            _ordersToday++;
            Account.OnOrderSent(order.OrderId, order.SymbolId);
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

        if (Halted && !intent.ReducesPosition)
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
        if (Fixed8.Multiply(reference, quantity) < instrument.MinNotional)
        {
            return RejectReason.BelowMinNotional;
        }

        if (intent.Side == Side.Buy && Account.Position(intent.SymbolId).Quantity + quantity > instrument.MaxPosition)
        {
            return RejectReason.MaxPosition;
        }

        if (Account.WorkingOrders >= _execution.MaxOpenOrders)
        {
            return RejectReason.MaxOpenOrders;
        }

        if (_ordersToday >= _execution.MaxDailyOrders)
        {
            return RejectReason.MaxDailyOrders;
        }

        return RejectReason.None;
    }

    public void OnReport(in ExecutionReport report) => Account.OnReport(report);
}
