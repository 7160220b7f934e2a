using FlashTrader.Core.Market;
using FlashTrader.Mexc.Frames;

namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>A sink that keeps everything it is given (copying depth levels, then releasing the pooled buffer).</summary>
public sealed class RecordingSink : IMexcPushSink
{
    public List<MarketEvent> Events { get; } = [];

    /// <summary>The levels of each depth event, copied before the buffer went back to its pool.</summary>
    public List<(PriceLevel[] Bids, PriceLevel[] Asks)> Depths { get; } = [];

    public List<PrivateOrderUpdate> Orders { get; } = [];

    public List<PrivateDeal> Deals { get; } = [];

    public List<PrivateAccountUpdate> Accounts { get; } = [];

    public int Count => Events.Count + Orders.Count + Deals.Count + Accounts.Count;

    public void OnEvent(in MarketEvent marketEvent)
    {
        Events.Add(marketEvent);
        if (marketEvent.HasLevels)
        {
            Depths.Add((marketEvent.Levels.Bids.ToArray(), marketEvent.Levels.Asks.ToArray()));
            marketEvent.Levels.Release();
        }
    }

    public void OnOrder(in PrivateOrderUpdate order) => Orders.Add(order);

    public void OnDeal(in PrivateDeal deal) => Deals.Add(deal);

    public void OnAccount(in PrivateAccountUpdate account) => Accounts.Add(account);
}
