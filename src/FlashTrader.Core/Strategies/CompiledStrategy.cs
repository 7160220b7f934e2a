using System.Globalization;
using System.Text.RegularExpressions;
using FlashTrader.Core.Candles;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Strategies.Expressions;

namespace FlashTrader.Core.Strategies;

/// <summary>
/// A definition compiled once: its slot table (market features, then parameters, then indicator outputs), every
/// rule and strength expression as an <see cref="ExpressionProgram"/>, its indicators, and its session overrides
/// resolved against the session calendar. Immutable and shared; per-symbol state lives in the running strategy.
/// Unknown indicators, names, functions and sessions are rejected here, with the file, line and column.
/// </summary>
public sealed partial class CompiledStrategy
{
    private readonly SessionRule[] _sessionRules;

    private CompiledStrategy(StrategyDefinition definition, SessionCalendar calendar, Dictionary<string, int> slots, int parameterStart, CompiledIndicator[] indicators, SessionRule[] sessionRules)
    {
        Definition = definition;
        Calendar = calendar;
        Slots = slots;
        SlotCount = slots.Count;
        ParameterStart = parameterStart;
        Indicators = indicators;
        _sessionRules = sessionRules;
        BaseParameters = [.. definition.Parameters.Values];
        BuyRules = [.. definition.Buy.Rules.Select(r => Compile(r, slots))];
        SellRules = [.. definition.Sell.Rules.Select(r => Compile(r, slots))];
        BuyStrength = Compile(definition.Buy.Strength, slots);
        SellStrength = Compile(definition.Sell.Strength, slots);
        HigherTimeframes = [.. definition.Timeframes.Where(t => t != Timeframe.OneMinute).OrderBy(t => t.DurationNs)];
        BaseTimeframe = definition.Timeframes.Count > 0 ? definition.Timeframes.MinBy(t => t.DurationNs) : Timeframe.OneMinute;
    }

    public StrategyDefinition Definition { get; }

    public SessionCalendar Calendar { get; }

    /// <summary>Every name an expression may read, with its slot.</summary>
    public IReadOnlyDictionary<string, int> Slots { get; }

    public int SlotCount { get; }

    public int ParameterStart { get; }

    internal double[] BaseParameters { get; }

    public IReadOnlyList<CompiledIndicator> Indicators { get; }

    public IReadOnlyList<ExpressionProgram> BuyRules { get; }

    public IReadOnlyList<ExpressionProgram> SellRules { get; }

    public ExpressionProgram BuyStrength { get; }

    public ExpressionProgram SellStrength { get; }

    /// <summary>Timeframes above one minute the strategy's candles are kept in.</summary>
    public IReadOnlyList<Timeframe> HigherTimeframes { get; }

    /// <summary>The smallest timeframe: open/high/low/close/volume read its last closed candle.</summary>
    public Timeframe BaseTimeframe { get; }

    public static CompiledStrategy Compile(StrategyDefinition definition, SessionCalendar calendar)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string feature in MarketFeatureSlots.Names)
        {
            slots[feature] = slots.Count;
        }

        int parameterStart = slots.Count;
        foreach (string parameter in definition.Parameters.Keys)
        {
            if (slots.ContainsKey(parameter))
            {
                throw new StrategyDefinitionException(new SourceLocation(definition.File, 1, 1), $"parameter '{parameter}' has the name of a market feature: rename it");
            }

            slots[parameter] = slots.Count;
        }

        var indicators = new List<CompiledIndicator>();
        foreach (IndicatorDefinition d in definition.Indicators)
        {
            if (slots.ContainsKey(d.Name))
            {
                throw new StrategyDefinitionException(d.Location, $"indicator '{d.Name}' has the name of a market feature or parameter: rename it");
            }

            IndicatorSpecItem item = IndicatorItem(d);
            int first = slots.Count;
            foreach (string output in item.OutputNames)
            {
                slots[d.Name + output[item.Text.Length..]] = slots.Count;
            }

            indicators.Add(new CompiledIndicator(d, item, d.Timeframe, d.Input, first, item.OutputNames.Count));
        }

        var sessionRules = new List<SessionRule>();
        foreach (SessionOverride o in definition.Sessions)
        {
            uint mask = 0;
            foreach (string name in o.Session.Split('+'))
            {
                int bit = calendar.IndexOf(name);
                if (bit < 0)
                {
                    string known = string.Join(", ", calendar.Windows.Select(w => w.Name));
                    throw new StrategyDefinitionException(o.Location, $"unknown session '{name}' (configured sessions: {(known.Length == 0 ? "none" : known)}; join names with '+' for an overlap)");
                }

                mask |= 1u << bit;
            }

            sessionRules.Add(new SessionRule(mask, [.. o.Parameters.Select(p => (slots[p.Key], p.Value))], o.Exits));
        }

        return new CompiledStrategy(definition, calendar, slots, parameterStart, [.. indicators], [.. sessionRules]);
    }

    /// <summary>
    /// Writes the parameters in force while the sessions of <paramref name="sessionMask"/> are active: the defaults,
    /// then each override whose sessions are all active, in the order the definition lists them (later wins).
    /// </summary>
    public void ApplyParameters(uint sessionMask, Span<double> slots)
    {
        BaseParameters.CopyTo(slots[ParameterStart..]);
        foreach (SessionRule rule in _sessionRules)
        {
            if ((sessionMask & rule.Mask) == rule.Mask)
            {
                foreach ((int slot, double value) in rule.Parameters)
                {
                    slots[slot] = value;
                }
            }
        }
    }

    /// <summary>The exit rules in force while the sessions of <paramref name="sessionMask"/> are active (same order as parameters).</summary>
    public ExitRules ExitsFor(uint sessionMask)
    {
        ExitRules exits = Definition.Exits;
        foreach (SessionRule rule in _sessionRules)
        {
            if ((sessionMask & rule.Mask) == rule.Mask)
            {
                exits = exits.With(rule.Exits);
            }
        }

        return exits;
    }

    /// <summary>True when <paramref name="other"/> runs the same indicators on the same timeframes (hot swap may keep their state).</summary>
    public bool HasSameIndicators(CompiledStrategy other) =>
        Indicators.Count == other.Indicators.Count &&
        Indicators.Zip(other.Indicators).All(p => p.First.Item.Text == p.Second.Item.Text && p.First.Timeframe == p.Second.Timeframe &&
            p.First.Input == p.Second.Input && p.First.FirstSlot == p.Second.FirstSlot) &&
        HigherTimeframes.SequenceEqual(other.HigherTimeframes) && BaseTimeframe == other.BaseTimeframe;

    private static ExpressionProgram Compile(SourceText source, Dictionary<string, int> slots)
    {
        try
        {
            return ExpressionCompiler.Compile(source.Text, slots);
        }
        catch (ExpressionException e)
        {
            throw new StrategyDefinitionException(source.At(e.Position), $"in \"{source.Text}\": {e.Problem}", e);
        }
    }

    private static IndicatorSpecItem IndicatorItem(IndicatorDefinition d)
    {
        string spec = d.Parameters.Count == 0
            ? d.Type
            : $"{d.Type}({string.Join(",", d.Parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))})";
        try
        {
            return IndicatorSpec.Parse(spec).Items[0];
        }
        catch (IndicatorSpecException e)
        {
            string problem = SpecPrefix().Replace(e.Message, string.Empty);
            throw new StrategyDefinitionException(d.Location, $"indicator '{d.Name}' ({spec}): {problem}", e);
        }
    }

    [GeneratedRegex(@"^indicator spec item \d+ '.*?' at position \d+: ")]
    private static partial Regex SpecPrefix();

    private sealed record SessionRule(uint Mask, (int Slot, double Value)[] Parameters, ExitRules Exits);
}
