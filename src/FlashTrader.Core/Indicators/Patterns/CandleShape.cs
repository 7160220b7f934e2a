namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>The parts of one candle, with TA-Lib's definitions.</summary>
public static class CandleShape
{
    public static double RealBody(double open, double close) => Math.Abs(close - open);

    public static double UpperShadow(double open, double high, double close) => high - (close >= open ? close : open);

    public static double LowerShadow(double open, double low, double close) => (close >= open ? open : close) - low;

    /// <summary>+1 for a white (close ≥ open) candle, -1 for a black one.</summary>
    public static int Color(double open, double close) => close >= open ? 1 : -1;
}
