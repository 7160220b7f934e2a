using FlashTrader.Core.Decisions;

namespace FlashTrader.Core.Strategies;

/// <summary>
/// Exit and sizing rules of the running JSON strategies by catalog id, for the DecisionEngine. Every version of a
/// strategy that ever ran stays resolvable, so a position entered on version 1 keeps version 1's exits after a hot swap.
/// Versions are added from the reload thread and read from the decision thread: lookups go through an immutable
/// snapshot swapped atomically.
/// </summary>
public sealed class StrategyRuleBook : IStrategyRules
{
    private readonly object _gate = new();
    private CompiledStrategy?[] _byId = [];

    /// <summary>Makes <paramref name="strategy"/>'s rules the ones for <paramref name="strategyId"/>.</summary>
    public void Add(int strategyId, CompiledStrategy strategy)
    {
        lock (_gate)
        {
            CompiledStrategy?[] next = new CompiledStrategy?[Math.Max(_byId.Length, strategyId + 1)];
            _byId.CopyTo(next, 0);
            next[strategyId] = strategy;
            Volatile.Write(ref _byId, next);
        }
    }

    public bool TryGetRules(int strategyId, long timeNs, out ExitRules exits, out SizingRule sizing)
    {
        CompiledStrategy?[] byId = Volatile.Read(ref _byId);
        CompiledStrategy? s = (uint)strategyId < (uint)byId.Length ? byId[strategyId] : null;
        if (s is null)
        {
            (exits, sizing) = (default, default);
            return false;
        }

        exits = s.ExitsFor(s.Calendar.ActiveAt(timeNs));
        sizing = s.Definition.Sizing;
        return true;
    }
}
