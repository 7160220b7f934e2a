namespace FlashTrader.Core.Indicators;

/// <summary>
/// One OHLCV bar as indicators see it: doubles, because indicators are statistics, not money.
/// <paramref name="OpenTimeNs"/> is the bar's start, Unix nanoseconds (VWAP anchors on it).
/// </summary>
public readonly record struct Bar(long OpenTimeNs, double Open, double High, double Low, double Close, double Volume);
