using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// A deal read from a deals body, held until the whole body has parsed (a frame is all or nothing). Only what differs
/// between the deals of one frame, and no references, so filling the buffer needs no GC write barriers; the
/// <see cref="MarketEvent"/> is built on the stack as it is emitted.
/// </summary>
internal readonly record struct PendingTrade(long ExchangeNs, Fixed8 Price, Fixed8 Quantity, Side Aggressor, long TradeId);
