using FlashTrader.Core.Market;

namespace FlashTrader.Core.Signals;

/// <summary>Volatility breakout: realized volatility above the threshold (percent), in the direction of the trend.</summary>
public sealed class VolatilityBreakoutStrategy(double thresholdPercent) : ISignalStrategy
{
    public string Name => "volatility";

    public bool TryEvaluate(in MarketTick tick, out Signal signal)
    {
        double volatility = tick.FeaturesRef.VolatilityPercent;
        double trend = tick.FeaturesRef.TrendPercent;
        if (!(volatility > thresholdPercent) || !(trend != 0) || double.IsNaN(trend))
        {
            signal = default;
            return false;
        }

        signal = SignalFactory.Create(tick, trend > 0 ? Side.Buy : Side.Sell, SignalStrength.Beyond(volatility, thresholdPercent));
        return true;
    }
}
