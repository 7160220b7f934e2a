using System.Runtime.InteropServices;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Control;
using FlashTrader.Core.Decisions;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
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
    private bool _driven;

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
    public ref readonly SignalSet LastSignals => ref Signals.Last;

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
        // The rare paths (first event, an order, a flatten) are methods of their own: their temporaries (a
        // TradingMessage is ~470 bytes) would otherwise be zeroed on every event.
        Exchange.Journal.Clear();
        PaperExchange exchange = Exchange.Exchange;
        if (!_driven)
        {
            StartDriving();
        }

        if (exchange.BooksShared && (MarketState.Events + 1 > Exchange.CatchUpUntil || exchange.OpenOrders.Count == 0))
        {
            // Orders due before this event meet the book as it is before the market applies it (the exchange stage
            // would otherwise let them arrive first thing when it handles the tick; a catch-up tick matches nothing).
            exchange.ArriveBefore(ev);
        }

        // The tick and its signals stay where MarketState and the generator built them, and are handed to each stage by
        // reference instead of in a message (a TradingMessage is ~470 bytes; most ticks cause nothing else). The order
        // is the channels' breadth-first order, as Forward keeps it.
        ref readonly MarketTick tick = ref MarketState.Apply(ev, receivedTimestamp);
        ref readonly SignalSet signals = ref Signals.Evaluate(tick);
        bool ordered = Decision.Decide(tick, signals, out OrderRequest order);
        _riskOut.Clear();
        Risk.OnTick(tick);
        if (ordered)
        {
            Gate(order);
        }

        _feedback.Clear();
        Exchange.OnTick(tick, _feedback);
        if (_riskOut.Count > 0)
        {
            Send();
        }

        if (_feedback.Count > 0)
        {
            ReturnFeedback();
        }

        if (Risk.Risk.PendingFlatten is not null)
        {
            FlattenIfAsked();
        }
    }

    private void StartDriving()
    {
        // Driven synchronously (the hosted services never call Process): the exchange can match against
        // MarketState's books instead of maintaining replicas of them from the same events.
        _driven = true;
        Risk.ReadFeaturesFrom(MarketState);
        PaperExchange exchange = Exchange.Exchange;
        if (MarketState.Events == 0 && exchange.MarketEventsSeen == 0)
        {
            exchange.ShareBooks([.. MarketState.Markets.Select(m => m.Book)]);
        }
    }

    /// <summary>The order the tick caused goes to the risk gate, after the tick.</summary>
    private void Gate(in OrderRequest order) => Risk.Handle(TradingMessage.ForOrder(order), _riskOut);

    /// <summary>What the risk gate let through goes to the exchange, after the tick.</summary>
    private void Send()
    {
        foreach (ref readonly TradingMessage m in CollectionsMarshal.AsSpan(_riskOut))
        {
            Exchange.Handle(m, _feedback);
        }
    }

    private void FlattenIfAsked()
    {
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
        foreach (ref readonly TradingMessage m in CollectionsMarshal.AsSpan(toRisk))
        {
            Risk.Handle(m, _riskOut);
        }

        _feedback.Clear();
        foreach (ref readonly TradingMessage m in CollectionsMarshal.AsSpan(_riskOut))
        {
            Exchange.Handle(m, _feedback);
        }

        ReturnFeedback();
    }

    /// <summary>The exchange's reports go back through the decision stage to risk.</summary>
    private void ReturnFeedback()
    {
        if (_feedback.Count == 0)
        {
            return;
        }

        _reportsToRisk.Clear();
        foreach (ref readonly ExecutionFeedback f in CollectionsMarshal.AsSpan(_feedback))
        {
            Decision.OnFeedback(f, _reportsToRisk);
        }

        _riskOut.Clear();
        foreach (ref readonly TradingMessage m in CollectionsMarshal.AsSpan(_reportsToRisk))
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
