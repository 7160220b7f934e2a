using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>One /klines bar. Times are Unix ms; volume in the base asset, quote volume in the quote asset.</summary>
public sealed record Kline(long OpenTime, Fixed8 Open, Fixed8 High, Fixed8 Low, Fixed8 Close, Fixed8 Volume, long CloseTime, decimal QuoteVolume);
