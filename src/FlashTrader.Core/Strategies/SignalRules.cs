namespace FlashTrader.Core.Strategies;

/// <summary>
/// One side's rules: a signal is emitted when at least <see cref="Required"/> of the rules hold (N of M
/// confirmation), with strength from <see cref="Strength"/> (clamped to 0..1).
/// </summary>
public sealed record SignalRules(IReadOnlyList<SourceText> Rules, int Required, SourceText Strength)
{
    public bool IsEmpty => Rules.Count == 0;
}
