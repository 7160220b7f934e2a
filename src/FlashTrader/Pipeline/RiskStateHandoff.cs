using FlashTrader.Core.Risk;

namespace FlashTrader.Pipeline;

/// <summary>
/// Carries the risk manager's state from its stage's thread to the paper exchange's, which journals it with the next
/// commit. A published state is immutable, so handing over the reference is the whole synchronisation.
/// </summary>
public sealed class RiskStateHandoff
{
    private RiskState? _latest;

    /// <summary>The newest published state, or null before the first.</summary>
    public RiskState? Latest => Volatile.Read(ref _latest);

    public void Publish(RiskState state) => Volatile.Write(ref _latest, state);
}
