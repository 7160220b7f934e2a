using FlashTrader.Core.Market;

namespace FlashTrader.Core.Signals;

/// <summary>Momentum: the mid moved more than the threshold (percent) over the momentum window; trade with it.</summary>
public sealed class MomentumStrategy(double thresholdPercent) : ISignalStrategy
{
    public string Name => "momentum";

    public bool TryEvaluate(in MarketTick tick, out Signal signal)
    {
        double momentum = tick.FeaturesRef.MomentumPercent;
        if (!(Math.Abs(momentum) > thresholdPercent))
        {
            signal = default;
            return false;
        }

        signal = SignalFactory.Create(tick, momentum > 0 ? Side.Buy : Side.Sell, SignalStrength.Beyond(Math.Abs(momentum), thresholdPercent));
        return true;
    }
}
