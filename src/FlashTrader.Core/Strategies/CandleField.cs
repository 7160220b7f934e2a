namespace FlashTrader.Core.Strategies;

/// <summary>Which candle value feeds an indicator. Close feeds the real bar; the others feed a bar made of that one value.</summary>
public enum CandleField : byte
{
    Close = 0,
    Open,
    High,
    Low,
    Volume,
}
