namespace FlashTrader.Core.Strategies.Expressions;

/// <summary>One token of an expression: its kind, where it starts (0-based offset) and its text.</summary>
public readonly record struct ExpressionToken(TokenKind Kind, int Position, string Text, double Number = 0)
{
    public int Length => Math.Max(1, Text.Length);

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind == TokenKind.End ? "the end of the expression" : $"'{Text}'";
}
