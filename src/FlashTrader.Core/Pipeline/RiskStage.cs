using FlashTrader.Core.Control;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Risk;

namespace FlashTrader.Core.Pipeline;

/// <summary>The risk manager's message handling: watch ticks, gate orders, learn from reports.</summary>
public sealed class RiskStage(RiskManager risk, TimeSource clock)
{
    private readonly Market.MarketFeatures[] _features = new Market.MarketFeatures[risk.Account.SymbolCount];
    private Market.MarketState? _market;

    public RiskManager Risk { get; } = risk;

    /// <summary>Ticks up to this sequence are a resumed replay's catch-up: already journaled, so they move no risk state.</summary>
    public long CatchUpUntil { get; set; }

    /// <summary>Event-to-command latency of approved orders (Stopwatch: source receipt -> command issued).</summary>
    public LatencyHistogram Latency { get; } = new();

    public void Handle(in TradingMessage message, List<TradingMessage> output)
    {
        switch (message.Kind)
        {
            case TradingMessageKind.Tick:
                OnTick(message.Tick);
                output.Add(message);
                break;
            case TradingMessageKind.Order:
                if (Risk.TryApprove(message.Order, _market is null ? _features[message.Order.SymbolId] : _market[message.Order.SymbolId].Features, out OrderRequest command, out RejectReason reason))
                {
                    Latency.Record(clock.ElapsedMicros(command.ReceivedTimestamp));
                    output.Add(TradingMessage.ForOrder(command));
                }
                else
                {
                    output.Add(TradingMessage.ForRejected(command, reason));
                }

                break;
            case TradingMessageKind.Report:
                Risk.OnReport(message.Report);
                break;
            case TradingMessageKind.Control:
                Apply(message.Command);
                output.Add(message);
                break;
        }
    }

    /// <summary>
    /// Driven synchronously, right after <paramref name="market"/> has applied each tick: orders are checked against its
    /// features, which are those of the symbol's last tick, instead of a copy of every tick's (112 bytes per event).
    /// </summary>
    public void ReadFeaturesFrom(Market.MarketState market) => _market = market;

    /// <summary>Watches a tick (what <see cref="Handle"/> does with one, minus passing it on).</summary>
    public void OnTick(in Market.MarketTick tick)
    {
        if (_market is null)
        {
            _features[tick.SymbolId] = tick.Features;
        }

        if (tick.Sequence <= CatchUpUntil)
        {
            Risk.OnCatchUpTick(tick);
        }
        else
        {
            Risk.OnTick(tick);
        }
    }

    private void Apply(in ControlCommand command)
    {
        if (command.Action == ControlAction.ResumeEntries)
        {
            Risk.Resume();
        }
        else if (command is { Action: ControlAction.SetRiskLimits, RiskLimits: { } limits })
        {
            Risk.SetLimits(limits);
        }
        else if (command.Action == ControlAction.ResetBreakers)
        {
            Risk.ResetBreakers();
        }
        else if (command.HaltReason is string reason)
        {
            Risk.Halt(reason);
        }
    }
}
