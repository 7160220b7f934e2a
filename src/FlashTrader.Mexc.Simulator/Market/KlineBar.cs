using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Simulator.Market;

/// <summary>One kline as MEXC serves it: open time and close time in ms, OHLC, base volume and quote volume.</summary>
public readonly record struct KlineBar(long OpenTimeMs, long CloseTimeMs, Fixed8 Open, Fixed8 High, Fixed8 Low, Fixed8 Close, Fixed8 Volume, decimal QuoteVolume);
