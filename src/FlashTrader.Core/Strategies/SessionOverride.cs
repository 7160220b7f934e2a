namespace FlashTrader.Core.Strategies;

/// <summary>Parameter and exit values that replace the strategy's own while the named trading session is active.</summary>
public sealed record SessionOverride(string Session, IReadOnlyDictionary<string, double> Parameters, ExitRules Exits, SourceLocation Location);
