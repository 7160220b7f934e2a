using FlashTrader.Core.Configuration;
using System.Globalization;
using System.Text;
using FlashTrader.Core.Market;
using FlashTrader.Core.Strategies;

namespace FlashTrader.Core.Signals;

/// <summary>
/// Stage 2: runs the configured strategies on each symbol at most once per SignalIntervalMs of event time, on
/// tradeable books whose spread lies within [MinSpreadBps, MaxSpreadBps].
/// </summary>
public sealed class SignalGenerator
{
    private readonly long _intervalNs;
    private readonly double _minSpreadBps;
    private readonly double _maxSpreadBps;
    private readonly long[] _nextEvaluationNs;
    private readonly object _enlistGate = new();
    private readonly List<ISignalStrategy> _enlisting = [];
    private ISignalStrategy[] _strategies;
    private long[] _bySource;
    private ITrackingStrategy[] _tracking;
    private int[] _builtInIds;
    private string[] _strategyNames;
    private long[] _byStrategy = new long[16];
    private int _enlistingCount;
    private SignalSet _set;

    /// <param name="symbolCount">Configured pairs.</param>
    /// <param name="options">Thresholds and the built-in strategies to run.</param>
    /// <param name="extraStrategies">More strategies (JSON-defined ones), run after the built-ins.</param>
    /// <param name="catalog">Strategy ids of the run; a new one when not given.</param>
    public SignalGenerator(int symbolCount, SignalGenerationOptions options, IEnumerable<ISignalStrategy>? extraStrategies = null, StrategyCatalog? catalog = null)
    {
        Catalog = catalog ?? new StrategyCatalog();
        var strategies = new List<ISignalStrategy>();
        var builtInIds = new List<int>();
        foreach (string name in options.Strategies)
        {
            (ISignalStrategy strategy, double threshold) = name switch
            {
                "imbalance" => ((ISignalStrategy)new ImbalanceStrategy(options.ImbalanceThreshold), options.ImbalanceThreshold),
                "momentum" => (new MomentumStrategy(options.MomentumThreshold), options.MomentumThreshold),
                "volatility" => (new VolatilityBreakoutStrategy(options.VolatilityThreshold), options.VolatilityThreshold),
                _ => throw new ArgumentException($"unknown strategy '{name}'", nameof(options)),
            };
            strategies.Add(strategy);
            // A built-in's identity is its code version and its threshold.
            string parameters = $"{name}:{threshold.ToString("R", CultureInfo.InvariantCulture)}";
            builtInIds.Add(Catalog.Register(name, BuiltInVersion, StrategyJsonLoader.Hash(Encoding.UTF8.GetBytes(parameters))));
        }

        strategies.AddRange(extraStrategies ?? []);
        if (strategies.Count > SignalSet.Capacity)
        {
            throw new ArgumentException($"at most {SignalSet.Capacity} strategies can run at once", nameof(extraStrategies));
        }

        _strategies = [.. strategies];
        _tracking = [.. _strategies.OfType<ITrackingStrategy>()];
        _builtInIds = [.. builtInIds, .. Enumerable.Repeat(0, _strategies.Length - builtInIds.Count)];
        _strategyNames = [.. _strategies.Select(s => s.Name)];
        _intervalNs = options.SignalIntervalMs * 1_000_000L;
        _minSpreadBps = options.MinSpreadBps;
        _maxSpreadBps = options.MaxSpreadBps;
        _nextEvaluationNs = new long[symbolCount];
        Array.Fill(_nextEvaluationNs, long.MinValue);
        _bySource = new long[_strategies.Length];
    }

    /// <summary>Version recorded for the built-in strategies.</summary>
    public const string BuiltInVersion = "builtin";

    public IReadOnlyList<string> StrategyNames => Volatile.Read(ref _strategyNames);

    public IReadOnlyList<ISignalStrategy> Strategies => Volatile.Read(ref _strategies);

    /// <summary>Strategies running and joining (<see cref="Enlist"/>): at most <see cref="SignalSet.Capacity"/>.</summary>
    public int Count
    {
        get
        {
            lock (_enlistGate)
            {
                return Volatile.Read(ref _strategies).Length + _enlisting.Count;
            }
        }
    }

    /// <summary>
    /// Adds a strategy while running (a definition file that appeared in the strategies folder): any thread may call
    /// it; the strategy joins at the start of the next event this generator evaluates, after the others. Throws when
    /// <see cref="SignalSet.Capacity"/> strategies already run or are joining.
    /// </summary>
    public void Enlist(ISignalStrategy strategy)
    {
        lock (_enlistGate)
        {
            int total = Volatile.Read(ref _strategies).Length + _enlisting.Count;
            if (total >= SignalSet.Capacity)
            {
                throw new ArgumentException($"at most {SignalSet.Capacity} strategies can run at once ({total} already do)", nameof(strategy));
            }

            _enlisting.Add(strategy);
            Volatile.Write(ref _enlistingCount, _enlisting.Count);
        }
    }

    /// <summary>Names, versions and hashes behind the strategy ids signals carry.</summary>
    public StrategyCatalog Catalog { get; }

    public long Signals { get; private set; }

    public long Evaluations { get; private set; }

    /// <summary>Evaluations skipped because the spread was outside the configured band.</summary>
    public long SpreadFiltered { get; private set; }

    public long SignalsFrom(int source) => _bySource[source];

    /// <summary>Signals emitted by the strategy version with this catalog id.</summary>
    public long SignalsOf(int strategyId) => strategyId < _byStrategy.Length ? _byStrategy[strategyId] : 0;

    /// <summary>The signals of the last tick evaluated.</summary>
    public ref readonly SignalSet Last => ref _set;

    /// <summary>
    /// Runs the strategies on <paramref name="tick"/>. The set returned is this generator's own and is reused by the next
    /// call (no 200-byte set is zeroed and copied per tick): copy it to keep it.
    /// </summary>
    public ref readonly SignalSet Evaluate(in MarketTick tick)
    {
        if (Volatile.Read(ref _enlistingCount) != 0)
        {
            TakeEnlisted();
        }

        ref SignalSet set = ref _set;
        set.Clear();
        for (int i = 0; i < _tracking.Length; i++)
        {
            _tracking[i].Track(tick);
        }

        if (!tick.FeaturesRef.Tradeable || !IsPriceEvent(tick.EventRef.Kind))
        {
            return ref set;
        }

        int symbol = tick.SymbolId;
        long now = tick.ExchangeTimeNs;
        if (now < _nextEvaluationNs[symbol])
        {
            return ref set;
        }

        _nextEvaluationNs[symbol] = now + _intervalNs;
        double spread = tick.FeaturesRef.SpreadBps;
        if (spread < _minSpreadBps || spread > _maxSpreadBps)
        {
            SpreadFiltered++;
            return ref set;
        }

        Evaluations++;
        for (int i = 0; i < _strategies.Length; i++)
        {
            if (_strategies[i].TryEvaluate(tick, out Signal signal))
            {
                int id = signal.StrategyId != 0 ? signal.StrategyId : _builtInIds[i];
                set.TryAdd(signal with { Source = i, StrategyId = id });
                if (id >= _byStrategy.Length)
                {
                    Array.Resize(ref _byStrategy, Math.Max(id + 1, _byStrategy.Length * 2)); // a hot-swapped version's first signal
                }

                _byStrategy[id]++;
                _bySource[i]++;
                Signals++;
            }
        }

        return ref set;
    }

    private void TakeEnlisted()
    {
        lock (_enlistGate)
        {
            ISignalStrategy[] strategies = [.. _strategies, .. _enlisting];
            long[] bySource = new long[strategies.Length];
            _bySource.CopyTo(bySource, 0);
            _builtInIds = [.. _builtInIds, .. Enumerable.Repeat(0, _enlisting.Count)];
            _tracking = [.. strategies.OfType<ITrackingStrategy>()];
            Volatile.Write(ref _bySource, bySource);
            Volatile.Write(ref _strategyNames, [.. strategies.Select(s => s.Name)]);
            Volatile.Write(ref _strategies, strategies);
            _enlisting.Clear();
            Volatile.Write(ref _enlistingCount, 0);
        }
    }

    private static bool IsPriceEvent(MarketEventKind kind) =>
        kind is MarketEventKind.DepthDiff or MarketEventKind.DepthSnapshot or MarketEventKind.Trade;
}
