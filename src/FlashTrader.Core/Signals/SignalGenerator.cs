using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;

namespace FlashTrader.Core.Signals;

/// <summary>
/// Stage 2: runs the configured strategies on each symbol at most once per SignalIntervalMs of event time, on
/// tradeable books whose spread lies within [MinSpreadBps, MaxSpreadBps].
/// </summary>
public sealed class SignalGenerator
{
    private readonly ISignalStrategy[] _strategies;
    private readonly long _intervalNs;
    private readonly double _minSpreadBps;
    private readonly double _maxSpreadBps;
    private readonly long[] _nextEvaluationNs;
    private readonly long[] _bySource;

    public SignalGenerator(int symbolCount, SignalGenerationOptions options, IEnumerable<ISignalStrategy>? extraStrategies = null)
    {
        var strategies = new List<ISignalStrategy>();
        foreach (string name in options.Strategies)
        {
            strategies.Add(name switch
            {
                "imbalance" => new ImbalanceStrategy(options.ImbalanceThreshold),
                "momentum" => new MomentumStrategy(options.MomentumThreshold),
                "volatility" => new VolatilityBreakoutStrategy(options.VolatilityThreshold),
                _ => throw new ArgumentException($"unknown strategy '{name}'", nameof(options)),
            });
        }

        strategies.AddRange(extraStrategies ?? []);
        if (strategies.Count > SignalSet.Capacity)
        {
            throw new ArgumentException($"at most {SignalSet.Capacity} strategies can run at once", nameof(extraStrategies));
        }

        _strategies = [.. strategies];
        StrategyNames = [.. _strategies.Select(s => s.Name)];
        _intervalNs = options.SignalIntervalMs * 1_000_000L;
        _minSpreadBps = options.MinSpreadBps;
        _maxSpreadBps = options.MaxSpreadBps;
        _nextEvaluationNs = new long[symbolCount];
        Array.Fill(_nextEvaluationNs, long.MinValue);
        _bySource = new long[_strategies.Length];
    }

    public IReadOnlyList<string> StrategyNames { get; }

    public long Signals { get; private set; }

    public long Evaluations { get; private set; }

    /// <summary>Evaluations skipped because the spread was outside the configured band.</summary>
    public long SpreadFiltered { get; private set; }

    public long SignalsFrom(int source) => _bySource[source];

    public SignalSet Evaluate(in MarketTick tick)
    {
        var set = default(SignalSet);
        if (!tick.Features.Tradeable || !IsPriceEvent(tick.Event.Kind))
        {
            return set;
        }

        int symbol = tick.SymbolId;
        long now = tick.ExchangeTimeNs;
        if (now < _nextEvaluationNs[symbol])
        {
            return set;
        }

        _nextEvaluationNs[symbol] = now + _intervalNs;
        double spread = tick.Features.SpreadBps;
        if (spread < _minSpreadBps || spread > _maxSpreadBps)
        {
            SpreadFiltered++;
            return set;
        }

        Evaluations++;
        for (int i = 0; i < _strategies.Length; i++)
        {
            if (_strategies[i].TryEvaluate(tick, out Signal signal))
            {
                set.TryAdd(signal with { Source = i });
                _bySource[i]++;
                Signals++;
            }
        }

        return set;
    }

    private static bool IsPriceEvent(MarketEventKind kind) =>
        kind is MarketEventKind.DepthDiff or MarketEventKind.DepthSnapshot or MarketEventKind.Trade;
}
