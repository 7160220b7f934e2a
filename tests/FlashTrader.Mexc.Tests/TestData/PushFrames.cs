using System.Text;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;

namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>Push frames built with the product's encoder, as the loopback server sends them.</summary>
public static class PushFrames
{
    private static readonly long T0Ms = 1_790_000_000_000;

    /// <summary>An aggre.deals frame with one trade; <paramref name="n"/> sets its time (T0 + n ms) and price (60000 + n).</summary>
    public static byte[] Trade(string channel, string symbol, int n)
    {
        var trade = MarketEvent.Trade(0, (T0Ms + n) * 1_000_000, 0, Fixed8.FromDecimal(60_000m + n), Fixed8.FromDecimal(0.001m), Side.Buy, 1000 + n);
        return Encode(trade, channel, symbol);
    }

    /// <summary>An aggre.depth diff covering versions <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static byte[] DepthDiff(string channel, string symbol, long from, long to, long timeMs, (decimal Price, decimal Qty)[] bids, (decimal Price, decimal Qty)[] asks)
    {
        var levels = new DepthLevels();
        foreach ((decimal p, decimal q) in bids)
        {
            levels.AddBid(new PriceLevel(Fixed8.FromDecimal(p), Fixed8.FromDecimal(q)));
        }

        foreach ((decimal p, decimal q) in asks)
        {
            levels.AddAsk(new PriceLevel(Fixed8.FromDecimal(p), Fixed8.FromDecimal(q)));
        }

        return Encode(MarketEvent.DepthDiff(0, timeMs * 1_000_000, 0, from, to, levels), channel, symbol);
    }

    public static byte[] Encode(in MarketEvent ev, string channel, string symbol)
    {
        byte[] c = Encoding.UTF8.GetBytes(channel), s = Encoding.UTF8.GetBytes(symbol);
        byte[] buffer = new byte[MexcPushEncoder.MaxLength(ev, c.Length, s.Length)];
        MexcPushEncoder.TryEncode(ev, c, s, buffer, out int written).Should().BeTrue();
        return buffer[..written];
    }
}
