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
    private readonly RiskOptions _risk;
    private readonly RejectionCounts _rejections = new();
    private long _day = long.MinValue;
    private int _ordersToday;
    private decimal _dayStartEquity;
    private decimal _peakEquity;
    private bool _dailyHalt;

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

    /// <summary>Watches equity on every tick: drawdown from the peak and loss since the UTC day began.</summary>
    public void OnTick(in MarketTick tick)
    {
        Account.OnTick(tick);
        if (!Account.CanValueEquity)
        {
            return;
        }

        long day = tick.ExchangeTimeNs / 86_400_000_000_000L;
        if (day == _day && !Account.EquityChanged)
        {
            return; // nothing the limits depend on has moved
        }

        decimal equity = Account.Equity();
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
