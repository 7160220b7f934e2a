using System.Globalization;

namespace FlashTrader.Core.Strategies.Expressions;

/// <summary>
/// The syntax tree of a parsed expression. <see cref="object.ToString"/> prints it fully parenthesized, which is how
/// the specs pin precedence and associativity.
/// </summary>
public abstract record ExpressionNode(int Position);

public sealed record NumberNode(int Position, double Value) : ExpressionNode(Position)
{
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}

public sealed record IdentifierNode(int Position, string Name) : ExpressionNode(Position)
{
    public override string ToString() => Name;
}

public sealed record UnaryNode(int Position, TokenKind Operator, ExpressionNode Operand) : ExpressionNode(Position)
{
    public override string ToString() => $"({(Operator == TokenKind.Not ? "!" : "-")}{Operand})";
}

public sealed record BinaryNode(int Position, TokenKind Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode(Position)
{
    public override string ToString() => $"({Left} {Symbol(Operator)} {Right})";

    public static string Symbol(TokenKind op) => op switch
    {
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Slash => "/",
        TokenKind.And => "&&",
        TokenKind.Or => "||",
        TokenKind.Less => "<",
        TokenKind.LessOrEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterOrEqual => ">=",
        TokenKind.Equal => "==",
        TokenKind.NotEqual => "!=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary operator"),
    };
}

public sealed record CallNode(int Position, string Function, IReadOnlyList<ExpressionNode> Arguments) : ExpressionNode(Position)
{
    public override string ToString() => $"{Function}({string.Join(", ", Arguments)})";
}
