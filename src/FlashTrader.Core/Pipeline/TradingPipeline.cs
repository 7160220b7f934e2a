using FlashTrader.Core.Configuration;
using FlashTrader.Core.Control;
using FlashTrader.Core.Decisions;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Risk;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies;

namespace FlashTrader.Core.Pipeline;

/// <summary>
/// All five stages wired together and driven synchronously, one event at a time, in exactly the order the hosted
/// pipeline's channels impose. The hosted BackgroundServices call the same stage objects; tests, benchmarks and the
/// backtester drive this directly, with no threads.
/// </summary>
public sealed class TradingPipeline
{
    private readonly List<TradingMessage> _decisionOut = new(8);
    private readonly List<TradingMessage> _riskOut = new(8);
    private readonly List<ExecutionFeedback> _feedback = new(16);
    private readonly List<TradingMessage> _reportsToRisk = new(16);
    private SignalSet _signals;

    /// <param name="options">The configuration.</param>
    /// <param name="clock">Latency clock (Stopwatch by default).</param>
    /// <param name="restored">A persisted paper account to continue from.</param>
    /// <param name="firstOrderId">The next order id.</param>
    /// <param name="extraStrategies">Strategies run after the configured built-ins (JSON-defined ones).</param>
    /// <param name="catalog">The run's strategy ids (the one the extra strategies registered in).</param>
    /// <param name="strategyRules">Exits and sizing of the extra strategies, by strategy id.</param>
    public TradingPipeline(FlashTraderOptions options, TimeSource? clock = null, PaperExchangeState? restored = null, long firstOrderId = 1,
        IEnumerable<ISignalStrategy>? extraStrategies = null, StrategyCatalog? catalog = null, IStrategyRules? strategyRules = null)
    {
        Instruments = new InstrumentSet(options.TradingPairs);
        MarketState = new MarketState(Instruments, options.SignalGeneration);
        Signals = new SignalGenerator(Instruments.Count, options.SignalGeneration, extraStrategies, catalog);
        var exchange = new PaperExchange(Instruments, options.PaperTrading, options.Execution);
        if (restored is not null)
        {
            exchange.Restore(restored);
        }

        IReadOnlyDictionary<string, decimal> balances = exchange.Wallet.Assets
            .Select((a, i) => (a, v: exchange.Wallet.Total(i)))
            .ToDictionary(x => x.a, x => x.v, StringComparer.Ordinal);
        Decision = new DecisionStage(new DecisionEngine(Instruments, options.Execution, NewAccount(exchange, balances), firstOrderId, strategyRules, options.Sessions.ReapplyExitsAtBoundary, options.Sizing));
        Risk = new RiskStage(new RiskManager(Instruments, options.Execution, options.Risk, NewAccount(exchange, balances)), clock ?? TimeSource.Stopwatch);
        Exchange = new ExchangeStage(exchange, options.OrderSplitting.Enabled ? new OrderSlicer(Instruments, options.OrderSplitting, options.Execution.MaxOpenOrders) : null);
    }

    public InstrumentSet Instruments { get; }

    public MarketState MarketState { get; }

    public SignalGenerator Signals { get; }

    public DecisionStage Decision { get; }

    public RiskStage Risk { get; }

    public ExchangeStage Exchange { get; }

    /// <summary>The signals the last processed event produced (reporting attributes trades to their sources).</summary>
    public ref readonly SignalSet LastSignals => ref _signals;

    /// <summary>
    /// Resumes a replay after the journaled position: events up to <paramref name="sequence"/> rebuild the books,
    /// indicators and signal windows, but nothing is decided or matched on them again (their effects are in the
    /// restored account), so nothing is applied twice.
    /// </summary>
    public void ResumeAfter(long sequence)
    {
        Decision.CatchUpUntil = sequence;
        Exchange.CatchUpUntil = sequence;
        Risk.CatchUpUntil = sequence;
    }

    /// <summary>Runs one event through every stage; afterwards <see cref="ExchangeStage.Journal"/> holds this event's reports.</summary>
    public void Process(in MarketEvent ev, long receivedTimestamp)
    {
        Exchange.Journal.Clear();
        MarketTick tick = MarketState.Apply(ev, receivedTimestamp);
        _signals = Signals.Evaluate(tick);
        _decisionOut.Clear();
        Decision.OnTick(new SignalTick(tick, _signals), _decisionOut);
        Forward(_decisionOut);
        if (Risk.Risk.TakeFlattenRequest(out string reason))
        {
            // A breaker asked to flatten: it goes through the control path at once, as the host's inbox would deliver it.
            _decisionOut.Clear();
            Decision.OnControl(new ControlCommand(ControlAction.Flatten, reason), _decisionOut);
            Forward(_decisionOut);
        }
    }

    /// <summary>Applies an operator command between two events, as the hosted pipeline does; the journal holds what it caused.</summary>
    public void Control(in ControlCommand command)
    {
        Exchange.Journal.Clear();
        _decisionOut.Clear();
        Decision.OnControl(command, _decisionOut);
        Forward(_decisionOut);
    }

    private void Forward(List<TradingMessage> toRisk)
    {
        // Breadth-first, as the channels order it: risk sees the tick and the order, the exchange sees what risk let
        // through, and the reports come back through the decision stage to risk before the next event.
        _riskOut.Clear();
        foreach (TradingMessage m in toRisk)
        {
            Risk.Handle(m, _riskOut);
        }

        _feedback.Clear();
        foreach (TradingMessage m in _riskOut)
        {
            Exchange.Handle(m, _feedback);
        }

        _reportsToRisk.Clear();
        foreach (ExecutionFeedback f in _feedback)
        {
            Decision.OnFeedback(f, _reportsToRisk);
        }

        _riskOut.Clear();
        foreach (TradingMessage m in _reportsToRisk)
        {
            Risk.Handle(m, _riskOut);
        }
    }

    private static TradingAccount NewAccount(PaperExchange exchange, IReadOnlyDictionary<string, decimal> balances)
    {
        var account = new TradingAccount(exchange.Instruments, balances);
        for (int s = 0; s < exchange.Positions.Count; s++)
        {
            account.Restore(s, exchange.Positions[s].Quantity, exchange.Positions[s].Cost);
        }

        // Orders still resting from a previous run are working: no stage may act as if the symbol were free.
        foreach (RestingOrder order in exchange.OpenOrders)
        {
            account.OnOrderSent(order.Request with { Quantity = order.Remaining });
        }

        return account;
    }
}
