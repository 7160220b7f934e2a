namespace FlashTrader.Core.Strategies.Expressions;

/// <summary>Instructions of a compiled expression: a stack machine over a slot array of doubles.</summary>
public enum OpCode : byte
{
    Constant,
    Load,
    Negate,
    Not,
    Add,
    Subtract,
    Multiply,
    Divide,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
    Abs,
    Min,
    Max,
    Clamp,
    Sign,
    Sqrt,
    Log,
    CrossAbove,
    CrossBelow,
}
