namespace FlashTrader.Core.Strategies;

/// <summary>Position size for an entry on this strategy: a fraction of the free quote balance, scaled by signal strength.</summary>
public readonly record struct SizingRule(double? Fraction);
