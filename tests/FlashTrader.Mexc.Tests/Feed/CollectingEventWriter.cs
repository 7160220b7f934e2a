using FlashTrader.Core.Market;
using FlashTrader.Mexc.Feed;

namespace FlashTrader.Mexc.Tests.Feed;

/// <summary>Keeps what a feed writes: the events (levels copied, then released) and raw frame payloads.</summary>
internal sealed class CollectingEventWriter(bool keep = true) : IMarketEventWriter
{
    public List<MarketEvent> Events { get; } = [];

    public List<(PriceLevel[] Bids, PriceLevel[] Asks)> Levels { get; } = [];

    public List<byte[]> Payloads { get; } = [];

    public int Flushes { get; private set; }

    public long Count { get; private set; }

    public bool Add(in MarketEvent marketEvent)
    {
        Count++;
        if (keep)
        {
            Events.Add(marketEvent);
            if (marketEvent.HasLevels)
            {
                Levels.Add((marketEvent.Levels.Bids.ToArray(), marketEvent.Levels.Asks.ToArray()));
            }

            if (marketEvent.Kind == MarketEventKind.RawFrame)
            {
                Payloads.Add(marketEvent.Payload.ToArray());
            }
        }

        if (marketEvent.HasLevels)
        {
            marketEvent.Levels.Release();
        }

        return false;
    }

    public ValueTask FlushAsync()
    {
        Flushes++;
        return ValueTask.CompletedTask;
    }
}
