using FlashTrader.Core.Candles;
using FlashTrader.Core.Indicators;

namespace FlashTrader.Core.Strategies;

/// <summary>An indicator instance ready to run: how to make one per symbol, what feeds it, where its outputs go.</summary>
public sealed record CompiledIndicator(IndicatorDefinition Definition, IndicatorSpecItem Item, Timeframe Timeframe, CandleField Input, int FirstSlot, int OutputCount)
{
    /// <summary>A fresh streaming indicator for one symbol, fed from <see cref="Input"/>.</summary>
    public IBarIndicator Create()
    {
        IBarIndicator indicator = Item.CreateIndicator();
        return Input == CandleField.Close ? indicator : new FieldFedIndicator(indicator, Input);
    }
}
