using FlashTrader.Core.Market;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// Receives the events decoded from one frame. Implement it on a struct and pass it by ref to the generic
/// decoder so calls are direct (no boxing, no interface dispatch). A depth event's levels belong to the sink:
/// call <see cref="DepthLevels.Release"/> when done with them.
/// </summary>
public interface IMarketEventSink
{
    void OnEvent(in MarketEvent marketEvent);
}
