namespace FlashTrader.Core.Signals;

internal static class SignalStrength
{
    /// <summary>Maps |value| from the threshold (0) to <paramref name="saturation"/> × threshold (1), clamped.</summary>
    public static double Beyond(double magnitude, double threshold, double saturation = 4)
    {
        double span = threshold * (saturation - 1);
        return Math.Clamp((magnitude - threshold) / span, 0, 1);
    }
}
