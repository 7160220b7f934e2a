namespace FlashTrader.Core.Strategies.Expressions;

public enum TokenKind : byte
{
    End = 0,
    Number,
    Identifier,
    LeftParen,
    RightParen,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Not,
    And,
    Or,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}
