namespace FlashTrader.Core.Strategies;

/// <summary>A strategy definition that cannot be loaded: the message starts with file:line:column.</summary>
public sealed class StrategyDefinitionException : Exception
{
    public StrategyDefinitionException(SourceLocation location, string problem)
        : base($"{location}: {problem}")
    {
        Location = location;
        Problem = problem;
    }

    public StrategyDefinitionException(SourceLocation location, string problem, Exception inner)
        : base($"{location}: {problem}", inner)
    {
        Location = location;
        Problem = problem;
    }

    public StrategyDefinitionException()
    {
        Problem = string.Empty;
    }

    public StrategyDefinitionException(string message)
        : base(message)
    {
        Problem = message;
    }

    public StrategyDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    public SourceLocation Location { get; }

    /// <summary>What is wrong and what was expected, without the location.</summary>
    public string Problem { get; }
}
