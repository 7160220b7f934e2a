namespace FlashTrader.Core.Strategies;

/// <summary>What an operator changes about a running JSON strategy.</summary>
public enum StrategyChangeKind : byte
{
    /// <summary>Run another version: a parameter edited at runtime, or another definition file.</summary>
    NewVersion = 1,

    /// <summary>Let the strategy signal again (its indicators kept running while it was disabled).</summary>
    Enable = 2,

    /// <summary>Stop the strategy's signals; its candles and indicators keep up with the market, and open positions keep their exits.</summary>
    Disable = 3,
}
