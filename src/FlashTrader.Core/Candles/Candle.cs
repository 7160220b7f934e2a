using FlashTrader.Core.Indicators;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Candles;

/// <summary>
/// One OHLCV candle with exact prices and volume. <see cref="IsFlat"/> marks a candle without trades: either
/// synthesized for an empty interval (open = high = low = close = previous close, zero volume) or an exchange
/// kline that reported zero volume.
/// </summary>
public readonly record struct Candle(
    long OpenTimeNs, Timeframe Timeframe, Fixed8 Open, Fixed8 High, Fixed8 Low, Fixed8 Close, Fixed8 Volume, int TradeCount, bool IsFlat)
{
    /// <summary>End of the interval (exclusive): the instant the candle is complete and may be seen.</summary>
    public long CloseTimeNs => OpenTimeNs + Timeframe.DurationNs;

    public Bar ToBar() => new(OpenTimeNs, Open.ToDouble(), High.ToDouble(), Low.ToDouble(), Close.ToDouble(), Volume.ToDouble());

    /// <summary>A candle for an interval without trades: flat at the previous close, zero volume.</summary>
    public static Candle Flat(long openTimeNs, Timeframe timeframe, Fixed8 previousClose) =>
        new(openTimeNs, timeframe, previousClose, previousClose, previousClose, previousClose, Fixed8.Zero, 0, true);
}
