using FlashTrader.Core.Configuration;
using FlashTrader.Core.Strategies;

namespace FlashTrader.Core.Control;

/// <summary>
/// An operator command. It travels through the stages in-band, between two market events, so every stage acts on it at
/// the same point of the stream: in a replay it lands at a reproducible place, and a kill takes effect within one event.
/// </summary>
/// <param name="Action">What to do.</param>
/// <param name="Origin">Who asked (e.g. "SIGUSR1", "dashboard"): recorded as the halt reason.</param>
/// <param name="RiskLimits">The new limits of <see cref="ControlAction.SetRiskLimits"/> (a fresh object, never mutated after submission).</param>
/// <param name="Strategy">The change of <see cref="ControlAction.ChangeStrategy"/> (already validated and compiled off the trading thread).</param>
public readonly record struct ControlCommand(ControlAction Action, string Origin, RiskOptions? RiskLimits = null, StrategyChange? Strategy = null)
{
    /// <summary>The halt reason this command sets, or null when it sets none.</summary>
    public string? HaltReason => Action switch
    {
        ControlAction.PauseEntries => "paused by " + Origin,
        ControlAction.KillSwitch => "kill switch by " + Origin,
        _ => null,
    };

    /// <summary>True when the command cancels every working order and sells every position.</summary>
    public bool Flattens => Action is ControlAction.KillSwitch or ControlAction.Flatten;
}
