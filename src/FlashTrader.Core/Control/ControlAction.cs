namespace FlashTrader.Core.Control;

/// <summary>What an operator (the kill command, a signal, the dashboard) asks the running pipeline to do.</summary>
public enum ControlAction : byte
{
    None = 0,

    /// <summary>Stop new entries; exits and working orders carry on.</summary>
    PauseEntries = 1,

    /// <summary>Lift a pause or a halt (breakers that still hold trip again on their own).</summary>
    ResumeEntries = 2,

    /// <summary>Halt new entries, cancel every working order and flatten every position at market.</summary>
    KillSwitch = 3,

    /// <summary>Replace the risk limits (already validated like the configuration) with <see cref="ControlCommand.RiskLimits"/>.</summary>
    SetRiskLimits = 4,

    /// <summary>Reset every tripped circuit breaker by hand (an operator's pause stays).</summary>
    ResetBreakers = 5,

    /// <summary>Cancel every working order and flatten every position at market, without an operator's halt (a breaker's flatten).</summary>
    Flatten = 6,

    /// <summary>Change a JSON strategy (a new version, a parameter edit, enable or disable) as <see cref="ControlCommand.Strategy"/> says.</summary>
    ChangeStrategy = 7,
}
