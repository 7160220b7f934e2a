namespace FlashTrader.Core.Strategies;

/// <summary>Where something was written: file, 1-based line and 1-based column (in characters).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>The location <paramref name="characters"/> further along the same line (an offset inside a JSON string).</summary>
    public SourceLocation Advance(int characters) => this with { Column = Column + characters };

    public override string ToString() => $"{File}:{Line}:{Column}";
}
