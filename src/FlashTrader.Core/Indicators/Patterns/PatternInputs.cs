namespace FlashTrader.Core.Indicators.Patterns;

internal static class PatternInputs
{
    public static void Check(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        TaLibMath.RequireSameLength(close.Length, open.Length, nameof(open));
        TaLibMath.RequireSameLength(close.Length, high.Length, nameof(high));
        TaLibMath.RequireSameLength(close.Length, low.Length, nameof(low));
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
    }
}
