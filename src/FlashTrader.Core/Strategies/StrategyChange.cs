using FlashTrader.Core.Decisions;

namespace FlashTrader.Core.Strategies;

/// <summary>
/// An operator's change to one running JSON strategy, carried in-band by a control command and applied by the decision
/// stage between two events. From that point the decision engine trades only the version now current, and nothing of
/// a disabled strategy: signals of the replaced version still in flight, or in a signal window, no longer count.
/// </summary>
/// <param name="Target">The running strategy.</param>
/// <param name="Kind">What changes.</param>
/// <param name="Next">The version to run, for <see cref="StrategyChangeKind.NewVersion"/> (validated and compiled beforehand).</param>
/// <param name="Description">What changed, old -> new, for the audit log.</param>
public sealed record StrategyChange(JsonSignalStrategy Target, StrategyChangeKind Kind, CompiledStrategy? Next, string Description)
{
    /// <summary>Hands the change to the strategy and tells the engine which strategy ids it may trade; returns the id now current.</summary>
    public int Apply(DecisionEngine engine)
    {
        int old = Target.LatestId;
        switch (Kind)
        {
            case StrategyChangeKind.NewVersion:
                int id = Target.Replace(Next ?? throw new InvalidOperationException("a new version needs the compiled strategy"));
                if (id != old)
                {
                    engine.Retire(old);
                }

                Admit(engine, id, Target.Enabled);
                return id;
            case StrategyChangeKind.Enable:
                Target.Enabled = true;
                engine.Admit(old);
                return old;
            case StrategyChangeKind.Disable:
                Target.Enabled = false;
                engine.Retire(old);
                return old;
            default:
                throw new InvalidOperationException($"unknown strategy change {Kind}");
        }
    }

    private static void Admit(DecisionEngine engine, int id, bool enabled)
    {
        if (enabled)
        {
            engine.Admit(id);
        }
        else
        {
            engine.Retire(id);
        }
    }
}
