using FlashTrader.Core.Candles;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Market;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies.Expressions;

namespace FlashTrader.Core.Strategies;

/// <summary>
/// Runs a <see cref="CompiledStrategy"/> as an <see cref="ISignalStrategy"/>, so the SignalGenerator treats it like a
/// built-in. Per symbol it builds one-minute candles from trades (and the strategy's higher timeframes from those,
/// without look-ahead), feeds the indicators, and on each evaluation copies the market features into the slot array,
/// applies the active session's parameters, and runs the rules: a side signals when at least <c>require</c> of its
/// rules hold after the noise filter; when both sides would signal, neither does. Allocation-free per tick.
/// <para>
/// Hot swap: <see cref="Replace"/> may be called from any thread; the new version takes over at the start of the next
/// tick this strategy sees, i.e. between events. Indicator state is kept when the indicators are unchanged.
/// </para>
/// </summary>
public sealed class JsonSignalStrategy : ITrackingStrategy
{
    private readonly IReadOnlyList<string> _symbols;
    private readonly StrategyCatalog _catalog;
    private readonly StrategyRuleBook? _rules;
    private Version _current;
    private Version? _pending;
    private int _latestId;
    private volatile bool _enabled = true;

    /// <param name="compiled">The strategy.</param>
    /// <param name="symbols">Configured pair symbols, indexed by symbol id.</param>
    /// <param name="catalog">Where the strategy's name, version and hash get their id.</param>
    /// <param name="rules">Where the DecisionEngine looks up each version's exits and sizing (every version is added before it can signal).</param>
    public JsonSignalStrategy(CompiledStrategy compiled, IReadOnlyList<string> symbols, StrategyCatalog catalog, StrategyRuleBook? rules = null)
    {
        _symbols = symbols;
        _catalog = catalog;
        _rules = rules;
        _current = NewVersion(compiled);
        _latestId = _current.Id;
        Name = compiled.Definition.Name;
    }

    public string Name { get; }

    public CompiledStrategy Compiled => _current.Strategy;

    /// <summary>Catalog id of the version now running.</summary>
    public int StrategyId => _current.Id;

    /// <summary>Number of versions that took over after the first.</summary>
    public int Swaps { get; private set; }

    /// <summary>Catalog id of the version last handed over (it may not have taken over yet): what the operator sees as running.</summary>
    public int LatestId => Volatile.Read(ref _latestId);

    /// <summary>
    /// False: the strategy gives no signals, while its candles and indicators keep up with the market (so enabling it
    /// again needs no warm-up). Set by a <see cref="StrategyChange"/> between events.
    /// </summary>
    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>Throws (naming the pair) when <paramref name="next"/> trades a pair that is not configured.</summary>
    public void CheckPairs(CompiledStrategy next) => CheckPairs(next, _symbols);

    /// <summary>
    /// Queues <paramref name="next"/> to take over between events; returns its catalog id. Throws (and changes
    /// nothing) when it cannot run on the configured pairs.
    /// </summary>
    public int Replace(CompiledStrategy next)
    {
        Version version = NewVersion(next);
        Volatile.Write(ref _pending, version);
        Volatile.Write(ref _latestId, version.Id);
        return version.Id;
    }

    public void Track(in MarketTick tick)
    {
        TakePendingVersion();
        SymbolState? state = _current.States[tick.SymbolId];
        if (state is null)
        {
            return;
        }

        SeriesState series = state.Series;
        ref readonly MarketEvent ev = ref tick.EventRef; // in place: Event is a 104-byte copy, per tick and JSON strategy
        if (ev.Kind == MarketEventKind.Trade)
        {
            series.Minute.AddTrade(ev.ExchangeTimeNs, ev.Price, ev.Quantity);
        }
        else if (ev.ExchangeTimeNs > 0)
        {
            series.Minute.AdvanceTo(ev.ExchangeTimeNs);
        }

        if (series.Closed)
        {
            series.Closed = false;
            series.CopyInto(_current.Strategy, state.Slots);
        }
    }

    public bool TryEvaluate(in MarketTick tick, out Signal signal)
    {
        TakePendingVersion();
        signal = default;
        if (!_enabled)
        {
            return false;
        }

        Version v = _current;
        SymbolState? state = v.States[tick.SymbolId];
        if (state is null)
        {
            return false;
        }

        CompiledStrategy s = v.Strategy;
        long now = tick.ExchangeTimeNs;
        if (now >= state.SessionUntil || now < state.SessionFrom)
        {
            uint mask = s.Calendar.ActiveAt(now);
            state.SessionFrom = now;
            state.SessionUntil = s.Calendar.NextBoundaryAfter(now);
            if (mask != state.SessionMask)
            {
                state.SessionMask = mask;
                s.ApplyParameters(mask, state.Slots);
            }
        }

        MarketFeatureSlots.Fill(tick.Features, state.Slots);
        NoiseFilter filter = s.Definition.Filter;
        bool buy = Agree(s.BuyRules, s.Definition.Buy.Required, 0, state, now, filter);
        bool sell = Agree(s.SellRules, s.Definition.Sell.Required, s.BuyRules.Count, state, now, filter);
        if (buy == sell)
        {
            return false; // no rule side holds, or both do: no opinion
        }

        ExpressionProgram strength = buy ? s.BuyStrength : s.SellStrength;
        double value = strength.Evaluate(state.Slots, state.Memory[^(buy ? 2 : 1)]);
        value = double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);
        signal = SignalFactory.Create(tick, buy ? Side.Buy : Side.Sell, value) with { StrategyId = v.Id };
        return true;
    }

    /// <summary>The session mask the strategy last evaluated a symbol in (for exits that follow the session).</summary>
    public uint SessionMaskOf(int symbolId) => _current.States[symbolId]?.SessionMask ?? 0;

    private static bool Agree(IReadOnlyList<ExpressionProgram> rules, int required, int offset, SymbolState state, long now, NoiseFilter filter)
    {
        int agreeing = 0;
        long minimumNs = filter.Milliseconds * 1_000_000L;
        for (int i = 0; i < rules.Count; i++)
        {
            int k = offset + i;
            if (rules[i].IsTrueFor(state.Slots, state.Memory[k]))
            {
                if (state.Consecutive[k]++ == 0)
                {
                    state.HoldingSince[k] = now;
                }

                if (state.Consecutive[k] >= filter.Events && now - state.HoldingSince[k] >= minimumNs)
                {
                    agreeing++;
                }
            }
            else
            {
                state.Consecutive[k] = 0;
            }
        }

        return rules.Count > 0 && agreeing >= required;
    }

    private void TakePendingVersion()
    {
        if (Volatile.Read(ref _pending) is null)
        {
            return;
        }

        Version? next = Interlocked.Exchange(ref _pending, null);
        if (next is null)
        {
            return;
        }

        if (next.Strategy.HasSameIndicators(_current.Strategy))
        {
            // Same indicators: keep the candles and warmed-up values, so a threshold edit takes effect at once.
            for (int i = 0; i < next.States.Length; i++)
            {
                if (next.States[i] is { } fresh && _current.States[i] is { } old)
                {
                    fresh.Series = old.Series;
                    fresh.Series.CopyInto(next.Strategy, fresh.Slots);
                }
            }
        }

        _current = next;
        Swaps++;
    }

    private static void CheckPairs(CompiledStrategy compiled, IReadOnlyList<string> symbols)
    {
        StrategyDefinition d = compiled.Definition;
        foreach (string symbol in d.Symbols)
        {
            if (!symbols.Contains(symbol))
            {
                throw new ArgumentException($"strategy '{d.Name}' ({d.File}) trades {symbol}, which is not a configured pair ({string.Join(", ", symbols)})", nameof(compiled));
            }
        }
    }

    private Version NewVersion(CompiledStrategy compiled)
    {
        CheckPairs(compiled, _symbols);
        StrategyDefinition d = compiled.Definition;

        var states = new SymbolState?[_symbols.Count];
        for (int i = 0; i < states.Length; i++)
        {
            if (d.Symbols.Count == 0 || d.Symbols.Contains(_symbols[i]))
            {
                states[i] = new SymbolState(compiled);
            }
        }

        int id = _catalog.Register(d.Name, d.Version, d.ContentHash);
        _rules?.Add(id, compiled);
        return new Version(compiled, id, states);
    }

    private sealed record Version(CompiledStrategy Strategy, int Id, SymbolState?[] States);

    /// <summary>One symbol's evaluation state: slots, per-rule memory and noise-filter counters, its candle series.</summary>
    private sealed class SymbolState
    {
        public SymbolState(CompiledStrategy s)
        {
            Slots = new double[s.SlotCount];
            Array.Fill(Slots, double.NaN);
            // Rule memories (buy rules, sell rules), then the buy and sell strength memories.
            Memory = [.. s.BuyRules.Concat(s.SellRules).Append(s.BuyStrength).Append(s.SellStrength).Select(p => p.NewState())];
            int rules = s.BuyRules.Count + s.SellRules.Count;
            Consecutive = new int[rules];
            HoldingSince = new long[rules];
            Series = new SeriesState(s);
            s.ApplyParameters(0, Slots);
        }

        public double[] Slots { get; }

        public double[][] Memory { get; }

        public int[] Consecutive { get; }

        public long[] HoldingSince { get; }

        public SeriesState Series { get; set; }

        public uint SessionMask { get; set; }

        public long SessionFrom { get; set; } = long.MaxValue;

        public long SessionUntil { get; set; } = long.MinValue;
    }

    /// <summary>Candles of every timeframe the strategy uses, and its indicators fed from them.</summary>
    private sealed class SeriesState
    {
        private readonly MultiTimeframeCandles _candles;
        private readonly Timeframe _base;

        public SeriesState(CompiledStrategy s)
        {
            _candles = new MultiTimeframeCandles([.. s.HigherTimeframes]);
            _base = s.BaseTimeframe;
            Indicators = new IBarIndicator[s.Indicators.Count];
            for (int i = 0; i < Indicators.Length; i++)
            {
                Indicators[i] = s.Indicators[i].Create();
                _candles.Attach(s.Indicators[i].Timeframe, Indicators[i]);
            }

            Minute = new CandleBuilder(Timeframe.OneMinute, OnMinute);
        }

        public CandleBuilder Minute { get; }

        public IBarIndicator[] Indicators { get; }

        /// <summary>A candle closed since the slots were last refreshed.</summary>
        public bool Closed { get; set; }

        public void CopyInto(CompiledStrategy s, double[] slots)
        {
            for (int i = 0; i < Indicators.Length; i++)
            {
                CompiledIndicator c = s.Indicators[i];
                for (int o = 0; o < c.OutputCount; o++)
                {
                    slots[c.FirstSlot + o] = Indicators[i].GetOutput(o);
                }
            }

            if (_candles.TryGetLastClosed(_base, out Candle candle))
            {
                slots[MarketFeatureSlots.CandleOpen] = candle.Open.ToDouble();
                slots[MarketFeatureSlots.CandleOpen + 1] = candle.High.ToDouble();
                slots[MarketFeatureSlots.CandleOpen + 2] = candle.Low.ToDouble();
                slots[MarketFeatureSlots.CandleOpen + 3] = candle.Close.ToDouble();
                slots[MarketFeatureSlots.CandleOpen + 4] = candle.Volume.ToDouble();
            }
        }

        private void OnMinute(Candle minute)
        {
            _candles.OnMinuteClosed(minute);
            Closed = true;
        }
    }
}
