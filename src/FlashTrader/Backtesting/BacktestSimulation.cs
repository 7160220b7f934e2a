using FlashTrader.Core.Backtesting;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Decisions;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Strategies;

namespace FlashTrader.Backtesting;

/// <summary>
/// Drives the same stage classes as the hosted run (<see cref="TradingPipeline"/>) synchronously over a tape, in
/// recording order, one thread, no channels. Because the stages see the events in the same order and the decision
/// stage's watermark rule makes the hosted run decide on exactly this knowledge, the fills equal those of
/// <c>run --replay --speed max</c>. Equity is sampled on every boundary of the sampling interval in event time (before
/// the first event past it), plus the start and the end; fills are grouped into round trips as they happen. When the
/// run ends, its books are released (<see cref="MarketState.ReleaseBooks"/>): the result's pipeline keeps its counts
/// and accounts, not its order books.
/// </summary>
public sealed class BacktestSimulation(FlashTraderOptions options, bool keepDetail, long samplingIntervalNs = PerformanceCalculator.DefaultSamplingIntervalNs)
{
    /// <summary>Price points a report chart gets per symbol, at most (about).</summary>
    public const int ChartPoints = 1_500;

    private const int ProgressEvery = 1 << 16;

    public BacktestResult Run(MarketTape tape, BacktestWindow window, Action<long, long>? progress = null)
    {
        TradingPipeline pipeline = StrategyLineup.Load(options).NewPipeline(options, new TimeSource());
        PaperExchange exchange = pipeline.Exchange.Exchange;
        DecisionEngine engine = pipeline.Decision.Engine;
        int symbols = pipeline.Instruments.Count;
        var valuation = new EquityValuation(exchange);
        var statistics = new EquityStatistics();
        var ledger = new RoundTripLedger(symbols, keepDetail);
        var attribution = new SignalAttribution(symbols, pipeline.Signals.StrategyNames.Count, options.Execution.SignalWindowMs);
        var entrySources = new Dictionary<long, int>();
        List<ExecutionReport>? fills = keepDetail ? [] : null;
        List<EquityPoint>? equity = keepDetail ? [] : null;
        List<PricePoint>? prices = keepDetail ? [] : null;

        int total = window.WarmStart.Count + (window.To - window.From);
        if (total == 0)
        {
            throw new InvalidOperationException("the backtest window holds no events");
        }

        long startNs = window.WarmStart.Count > 0 ? window.WarmStart.Min(e => e.ExchangeTimeNs) : tape[window.From].ExchangeTimeNs;
        startNs = window.To > window.From ? Math.Min(startNs, tape[window.From].ExchangeTimeNs) : startNs;
        long lastNs = startNs;
        long nextSampleNs = FloorTo(startNs, samplingIntervalNs) + samplingIntervalNs;
        long spanNs = window.To > window.From ? Math.Max(1, tape[window.To - 1].ExchangeTimeNs - startNs) : 1;
        long chartIntervalNs = Math.Max(1_000_000_000L, spanNs / ChartPoints);
        long nextChartNs = startNs;
        bool started = false;
        long processed = 0;

        void Sample(long upToNs)
        {
            decimal now = valuation.Equity();
            while (nextSampleNs <= upToNs)
            {
                Start();
                Add(nextSampleNs, now);
                nextSampleNs += samplingIntervalNs;
            }
        }

        void Start()
        {
            if (!started)
            {
                started = true;
                // The first point is the account's value at the first marks, as the run summary's starting equity is.
                Add(startNs, exchange.StartingEquity);
            }
        }

        void Add(long t, decimal value)
        {
            statistics.Add(t, value);
            equity?.Add(new EquityPoint(t, value));
        }

        void Step(in MarketEvent ev)
        {
            long t = ev.ExchangeTimeNs;
            if (t >= nextSampleNs)
            {
                Sample(t);
            }

            long entries = engine.Entries;
            pipeline.Process(ev, 0);
            if (pipeline.LastSignals.Count > 0)
            {
                attribution.Observe(pipeline.LastSignals);
            }

            if (engine.Entries != entries)
            {
                entrySources[engine.NextOrderId - 1] = attribution.Attribute(ev.SymbolId, t);
            }

            List<ExecutionReport> journal = pipeline.Exchange.Journal;
            for (int j = 0; j < journal.Count; j++)
            {
                ExecutionReport r = journal[j];
                if (!r.IsFill)
                {
                    if (r.Status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.PartiallyCanceled or OrderStatus.Rejected)
                    {
                        entrySources.Remove(r.OrderId);
                    }

                    continue;
                }

                fills?.Add(r);
                int source = r.Side == Side.Buy && entrySources.TryGetValue(r.OrderId, out int s) ? s : -1;
                ledger.OnFill(r, source);
                if (r.Status == OrderStatus.Filled)
                {
                    entrySources.Remove(r.OrderId);
                }
            }

            if (prices is not null && t >= nextChartNs)
            {
                for (int s = 0; s < symbols; s++)
                {
                    if (!exchange.Mark(s).IsZero)
                    {
                        prices.Add(new PricePoint(t, s, exchange.Mark(s).ToDecimal()));
                    }
                }

                nextChartNs = t + chartIntervalNs;
            }

            lastNs = Math.Max(lastNs, t);
            if (++processed % ProgressEvery == 0)
            {
                progress?.Invoke(processed, total);
            }
        }

        foreach (MarketEvent ev in window.WarmStart)
        {
            Step(ev);
        }

        for (int i = window.From; i < window.To;)
        {
            // A chunk of the tape at a time: the events are read in place, by reference.
            ReadOnlySpan<MarketEvent> run = tape.Run(i, window.To);
            foreach (ref readonly MarketEvent ev in run)
            {
                Step(ev);
            }

            i += run.Length;
        }

        progress?.Invoke(processed, total);
        Start();
        if (statistics.LastTimeNs < lastNs)
        {
            Add(lastNs, valuation.Equity());
        }

        ledger.Finish(lastNs);
        var open = new List<RoundTrip>();
        for (int s = 0; s < symbols; s++)
        {
            if (ledger.OpenTrip(s, lastNs) is RoundTrip trip)
            {
                open.Add(trip);
            }
        }

        // Nothing reads the books after the run: their ladders go to the next run's (the optimiser's next trial).
        pipeline.MarketState.ReleaseBooks();
        return new BacktestResult
        {
            Metrics = PerformanceCalculator.Compute(statistics, ledger, startNs, lastNs, samplingIntervalNs),
            Pipeline = pipeline,
            Events = processed,
            StartNs = startNs,
            EndNs = lastNs,
            Fills = (IReadOnlyList<ExecutionReport>?)fills ?? [],
            Trips = ledger.Closed,
            OpenPositions = open,
            Equity = (IReadOnlyList<EquityPoint>?)equity ?? [],
            Prices = (IReadOnlyList<PricePoint>?)prices ?? [],
        };
    }

    private static long FloorTo(long t, long interval) => t - (((t % interval) + interval) % interval);
}
