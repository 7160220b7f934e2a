namespace FlashTrader.Core.Strategies;

/// <summary>
/// An expression as written in a definition and where its first character sits, so a compile error inside it can be
/// reported at the exact line and column of the file. <see cref="Exact"/> is false when the JSON string held escape
/// sequences: offsets then point at the string's start rather than into it.
/// </summary>
public sealed record SourceText(string Text, SourceLocation Location, bool Exact = true)
{
    public SourceLocation At(int offset) => Exact ? Location.Advance(offset) : Location;
}
