using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Risk;
using FlashTrader.Core.Signals;
using FlashTrader.Dashboard.Snapshots;
using FlashTrader.Storage.State;

namespace FlashTrader.Dashboard.Taps;

/// <summary>
/// Rides on the risk stage's thread: records each order decision with the gate's verdict and samples the equity curve
/// once per second of exchange time, allocation-free, and posts the risk, equity and decision views at the publish rate.
/// </summary>
public sealed class RiskTap
{
    private const int EquityCapacity = 4_000;

    private readonly RiskStage _stage;
    private readonly InstrumentSet _instruments;
    private readonly IReadOnlyList<string> _strategies;
    private readonly ExecutionOptions _execution;
    private readonly DashboardBoard _board;
    private readonly RecentRing<Decision, DecisionView> _decisions;
    private readonly RecentRing<Sample, EquityPoint> _equity;

    // Texts that depend only on the instruments or on one option's value: made once (again only when that value
    // changes), not per publication or per decision.
    private readonly string[] _maxPositionKeys;
    private ReasonText _takeProfit;
    private ReasonText _stopLoss;
    private ReasonText _signalExit;
    private PublishSchedule _schedule;
    private PublishSchedule _equitySchedule;
    private long _nextSampleSecond = long.MinValue;
    private decimal _startingEquity;
    private long _publishedDecisions = -1;
    private long _publishedSamples = -1;

    public RiskTap(RiskStage stage, InstrumentSet instruments, SignalGenerator signals, ExecutionOptions execution, DashboardOptions options, DashboardBoard board)
    {
        _stage = stage;
        _instruments = instruments;
        _strategies = signals.StrategyNames;
        _execution = execution;
        _board = board;
        _decisions = new RecentRing<Decision, DecisionView>(options.RecentItems, View);
        _equity = new RecentRing<Sample, EquityPoint>(EquityCapacity, s => new EquityPoint(s.Second, s.Equity, s.DrawdownPercent));
        _maxPositionKeys = new string[instruments.Count];
        for (int s = 0; s < instruments.Count; s++)
        {
            _maxPositionKeys[s] = $"TradingPairs:{instruments[s].Symbol}:MaxPosition";
        }

        _equitySchedule = new PublishSchedule(TimeSpan.FromSeconds(1));
        _schedule = new PublishSchedule(TimeSpan.FromMilliseconds(options.PublishIntervalMs));
    }

    private RiskManager Risk => _stage.Risk;

    /// <summary>Called after the risk stage handled <paramref name="item"/> into <paramref name="outputs"/> from index <paramref name="first"/> on.</summary>
    public void Observe(in TradingMessage item, List<TradingMessage> outputs, int first = 0)
    {
        switch (item.Kind)
        {
            case TradingMessageKind.Tick:
                ObserveTick(item.Tick);
                break;
            case TradingMessageKind.Order when outputs.Count > first:
                TradingMessage verdict = outputs[^1];
                _decisions.Add(new Decision(verdict.Order, verdict.Kind == TradingMessageKind.Order ? RejectReason.None : verdict.Reason));
                break;
        }
    }

    /// <summary>Samples the equity curve on a tick the risk stage has watched.</summary>
    public void ObserveTick(in MarketTick tick)
    {
        long second = tick.ExchangeTimeNs / 1_000_000_000;
        if (second >= _nextSampleSecond && Risk.Equity > 0)
        {
            if (_equity.Added == 0)
            {
                _startingEquity = Risk.Equity;
            }

            _nextSampleSecond = second + 1;
            _equity.Add(new Sample(second, Risk.Equity, Risk.DrawdownPercent));
        }
    }

    public void PublishIfDue()
    {
        if (_schedule.IsDue())
        {
            Publish(force: false);
        }
    }

    public void Publish() => Publish(force: true);

    private void Publish(bool force)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        _board.Post(RiskView(now));
        // The curve is long: re-sent at most once a second, however fast a replay moves exchange time.
        if (_publishedSamples != _equity.Added && (_equitySchedule.IsDue() || force))
        {
            _publishedSamples = _equity.Added;
            List<EquityPoint> points = _equity.OldestFirst();
            _board.Post(new EquitySnapshot(points, Risk.Equity, _startingEquity, Risk.Equity - _startingEquity, Risk.PeakEquity, Risk.DrawdownPercent,
                Risk.MaxDrawdown, Risk.MaxDrawdownPercent, now));
        }

        if (_publishedDecisions != _decisions.Added)
        {
            _publishedDecisions = _decisions.Added;
            _board.Post(new DecisionLog(_decisions.NewestFirst()));
        }
    }

    private RiskSnapshot RiskView(DateTimeOffset now)
    {
        RiskOptions limits = Risk.Limits;
        var views = new List<LimitView>
        {
            Limit("Risk:MaxDrawdownPercent", (decimal)limits.MaxDrawdownPercent, (decimal)Risk.DrawdownPercent),
            Limit("Risk:DailyLossLimit", limits.DailyLossLimit, Risk.DayLoss),
            Limit("Execution:MaxOpenOrders", _execution.MaxOpenOrders, Risk.Account.WorkingOrders),
            Limit("Execution:MaxDailyOrders", _execution.MaxDailyOrders, Risk.OrdersToday),
        };
        for (int s = 0; s < _instruments.Count; s++)
        {
            Instrument instrument = _instruments[s];
            views.Add(Limit(_maxPositionKeys[s], instrument.MaxPosition.ToDecimal(), Risk.Account.Position(s).Quantity.ToDecimal()));
        }

        string? reason = Risk.HaltReason;
        BreakerView[] breakers =
        [
            new("max drawdown", "Risk:MaxDrawdownPercent", reason?.StartsWith("max drawdown", StringComparison.Ordinal) == true),
            new("daily loss", "Risk:DailyLossLimit", reason?.StartsWith("daily loss limit", StringComparison.Ordinal) == true),
        ];
        LatencyHistogram latency = _stage.Latency;
        return new RiskSnapshot(Risk.Halted, reason, views, breakers, Risk.Approved, Risk.Rejected, Risk.RejectionsByReason(),
            new LatencyView(latency.Count, latency.Percentile(50), latency.Percentile(99), latency.MaxMicros), now);
    }

    private static LimitView Limit(string key, decimal limit, decimal usage) =>
        new(key, limit, usage, limit > 0 ? Math.Round((double)(usage / limit * 100), 4) : 0);

    private DecisionView View(Decision d)
    {
        OrderRequest o = d.Order;
        return new DecisionView(
            o.DecisionTimeNs / 1_000_000,
            o.OrderId,
            _instruments[o.SymbolId].Symbol,
            EnumText<Side>.Name(o.Side),
            EnumText<OrderType>.Name(o.Type),
            EnumText<OrderPurpose>.Name(o.Purpose),
            ReasonOf(o),
            o.SignalSource >= 0 && o.SignalSource < _strategies.Count ? _strategies[o.SignalSource] : null,
            o.Strength,
            o.Type == OrderType.Limit ? o.Price.ToDecimal() : null,
            o.Quantity.ToDecimal(),
            d.Reason == RejectReason.None ? "approved" : "rejected",
            d.Reason == RejectReason.None ? null : EnumText<RejectReason>.Name(d.Reason));
    }

    private string ReasonOf(in OrderRequest o) => o.Purpose switch
    {
        OrderPurpose.Entry => $"net signal score {o.Strength:0.###} reached Execution:EntryScore {_execution.EntryScore}",
        OrderPurpose.TakeProfit => _takeProfit.For(_execution.TakeProfitBps, static v => $"bid reached the take-profit (Execution:TakeProfitBps {v})"),
        OrderPurpose.StopLoss => _stopLoss.For(_execution.StopLossBps, static v => $"bid fell to the stop-loss (Execution:StopLossBps {v})"),
        OrderPurpose.SignalExit => _signalExit.For(_execution.EntryScore, static v => $"opposite signals outweigh: score at or below -{v}"),
        OrderPurpose.Flatten => "kill switch: flatten at market",
        _ => EnumText<OrderPurpose>.Name(o.Purpose),
    };

    /// <summary>A text made from one option's value, remade only when the value changes (options can change at run time).</summary>
    private struct ReasonText
    {
        private double _value;
        private string? _text;

        public string For(double value, Func<double, string> make)
        {
            if (_text is null || !_value.Equals(value))
            {
                _value = value;
                _text = make(value);
            }

            return _text;
        }
    }

    private readonly record struct Decision(OrderRequest Order, RejectReason Reason);

    private readonly record struct Sample(long Second, decimal Equity, double DrawdownPercent);
}
