using FlashTrader.Core.Market;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Simulator.Exchange;

namespace FlashTrader.Mexc.Simulator.Streams;

/// <summary>
/// Encodes pushes with the shared MEXC encoder into one exact-size array per push, shared by all its subscribers
/// (one allocation per push, never per subscriber). Not thread-safe: each producer has its own instance.
/// </summary>
internal sealed class PushFrames
{
    private byte[] _scratch = new byte[64 * 1024];

    public OutboundFrame Market(in MarketEvent ev, PushTopic topic, byte[] symbol)
    {
        int bound = MexcPushEncoder.MaxLength(ev, topic.Utf8Name.Length, symbol.Length);
        Grow(bound);
        if (!MexcPushEncoder.TryEncode(ev, topic.Utf8Name, symbol, _scratch, out int written))
        {
            throw new InvalidOperationException($"{ev.Kind} event could not be encoded for {topic.Name}");
        }

        return new OutboundFrame(_scratch.AsSpan(0, written).ToArray(), IsText: false);
    }

    public OutboundFrame Deals(ReadOnlySpan<MarketEvent> trades, PushTopic topic, byte[] symbol)
    {
        Grow(160 + (2 * topic.Utf8Name.Length) + symbol.Length + (trades.Length * 120));
        if (!MexcPushEncoder.TryEncodeDeals(trades, topic.Utf8Name, symbol, _scratch, out int written))
        {
            throw new InvalidOperationException($"{trades.Length} trades could not be encoded for {topic.Name}");
        }

        return new OutboundFrame(_scratch.AsSpan(0, written).ToArray(), IsText: false);
    }

    /// <summary>Appends the private pushes of <paramref name="updates"/> to <paramref name="output"/>.</summary>
    public void Private(PrivateUpdates updates, PushHub hub, Func<int, byte[]> symbolOf, long sendTimeMs, List<(PushTopic Topic, OutboundFrame Frame)> output)
    {
        Grow(MexcPushEncoder.PrivateMaxLength);
        foreach (PrivateOrderUpdate order in updates.Orders)
        {
            if (hub.PrivateOrders.HasSubscribers && MexcPushEncoder.TryEncodeOrder(order, symbolOf(order.SymbolId), sendTimeMs, _scratch, out int n))
            {
                output.Add((hub.PrivateOrders, new OutboundFrame(_scratch.AsSpan(0, n).ToArray(), false)));
            }
        }

        foreach (PrivateDeal deal in updates.Deals)
        {
            if (hub.PrivateDeals.HasSubscribers && MexcPushEncoder.TryEncodeDeal(deal, symbolOf(deal.SymbolId), sendTimeMs, _scratch, out int n))
            {
                output.Add((hub.PrivateDeals, new OutboundFrame(_scratch.AsSpan(0, n).ToArray(), false)));
            }
        }

        foreach (PrivateAccountUpdate account in updates.Balances)
        {
            if (hub.PrivateAccount.HasSubscribers && MexcPushEncoder.TryEncodeAccount(account, sendTimeMs, _scratch, out int n))
            {
                output.Add((hub.PrivateAccount, new OutboundFrame(_scratch.AsSpan(0, n).ToArray(), false)));
            }
        }
    }

    private void Grow(int bound)
    {
        if (_scratch.Length < bound)
        {
            _scratch = new byte[Math.Max(bound, _scratch.Length * 2)];
        }
    }
}
