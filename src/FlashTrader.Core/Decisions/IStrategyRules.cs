using FlashTrader.Core.Strategies;

namespace FlashTrader.Core.Decisions;

/// <summary>
/// The exit and sizing rules a strategy (by catalog id) sets for a position entered at a given instant, with the
/// session overrides in force then. Implementations are pure and allocation-free; the DecisionEngine falls back to
/// the Execution section for strategies (such as the built-ins) that set none.
/// </summary>
public interface IStrategyRules
{
    bool TryGetRules(int strategyId, long timeNs, out ExitRules exits, out SizingRule sizing);
}
