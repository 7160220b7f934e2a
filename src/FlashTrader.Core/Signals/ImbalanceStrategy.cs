using FlashTrader.Core.Market;

namespace FlashTrader.Core.Signals;

/// <summary>Order-book imbalance: |imbalance| above the threshold signals the heavier side (BUY when bids dominate).</summary>
public sealed class ImbalanceStrategy(double threshold) : ISignalStrategy
{
    public string Name => "imbalance";

    public bool TryEvaluate(in MarketTick tick, out Signal signal)
    {
        double imbalance = tick.FeaturesRef.Imbalance;
        double magnitude = Math.Abs(imbalance);
        if (!(magnitude > threshold))
        {
            signal = default;
            return false;
        }

        Side side = imbalance > 0 ? Side.Buy : Side.Sell;
        // Strength reaches 1 at a fully one-sided book.
        double strength = Math.Clamp((magnitude - threshold) / (1 - threshold), 0, 1);
        signal = SignalFactory.Create(tick, side, strength);
        return true;
    }
}
