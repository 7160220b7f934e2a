using FlashTrader.Core.Market;

namespace FlashTrader.Mexc.Feed;

/// <summary>Where a market feed puts its events: the pipeline's inbound channel, or a recording.</summary>
public interface IMarketEventWriter
{
    /// <summary>Takes one event; its depth levels (if any) now belong to the writer. True when <see cref="FlushAsync"/> must run before the next add.</summary>
    bool Add(in MarketEvent marketEvent);

    /// <summary>Sends on what was added (the feed calls it after every frame: live data is not held back).</summary>
    ValueTask FlushAsync();
}
