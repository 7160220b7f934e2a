using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Tests.Builders;

/// <summary>Market events on a millisecond clock starting at <see cref="T0"/>; both clocks carry the same time.</summary>
internal static class Events
{
    /// <summary>2024-08-08T23:54:13Z, the first second of the bundled sample recording.</summary>
    public const long T0 = 1_723_161_253_000_000_000;

    public static long At(double ms) => T0 + (long)(ms * 1_000_000);

    public static MarketEvent Snapshot(long lastUpdateId, string bids, string asks, double atMs = 0, int symbol = 0) =>
        MarketEvent.DepthSnapshot(symbol, At(atMs), At(atMs), lastUpdateId, Depth.Levels(bids, asks));

    public static MarketEvent Diff(long first, long last, string bids = "", string asks = "", double atMs = 0, int symbol = 0) =>
        MarketEvent.DepthDiff(symbol, At(atMs), At(atMs), first, last, Depth.Levels(bids, asks));

    public static MarketEvent Trade(string price, string quantity, Side aggressor, double atMs = 0, int symbol = 0, long tradeId = 1) =>
        MarketEvent.Trade(symbol, At(atMs), At(atMs), Fixed8.Parse(price), Fixed8.Parse(quantity), aggressor, tradeId);
}
