namespace FlashTrader.Core.Indicators.Patterns;

internal static class PatternInputs
{
    public static void Check(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        TaLibMath.RequireSameLength(close.Length, open.Length, nameof(open));
        TaLibMath.RequireHighLowOf(close, high, low);
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
    }
}
