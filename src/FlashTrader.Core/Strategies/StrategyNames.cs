namespace FlashTrader.Core.Strategies;

/// <summary>What a name in a strategy may look like: an identifier the expression language can read.</summary>
public static class StrategyNames
{
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
