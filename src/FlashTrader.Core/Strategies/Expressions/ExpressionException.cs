namespace FlashTrader.Core.Strategies.Expressions;

/// <summary>
/// A strategy expression that cannot be parsed or compiled. <see cref="Position"/> is the 0-based character offset
/// of the offending token in the expression text, so a loader can turn it into a file line and column.
/// </summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException(string problem, int position, int length = 1)
        : base($"column {position + 1}: {problem}")
    {
        Problem = problem;
        Position = position;
        Length = Math.Max(1, length);
    }

    public ExpressionException()
    {
        Problem = string.Empty;
    }

    public ExpressionException(string message)
        : base(message)
    {
        Problem = message;
    }

    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>0-based offset of the offending token in the expression.</summary>
    public int Position { get; }

    /// <summary>Length of the offending token (at least 1).</summary>
    public int Length { get; } = 1;
}
