using FlashTrader.Core.Candles;

namespace FlashTrader.Core.Strategies;

/// <summary>
/// A named indicator instance: its type as in <c>flashtrader indicators</c> (rsi, ema, macd, bbands, ...), its
/// parameters, the candle timeframe it is fed from, and which candle field feeds it (close by default; e.g. volume
/// for an average of volume). Expressions read it as <see cref="Name"/>, or Name.output for several outputs.
/// </summary>
public sealed record IndicatorDefinition(string Name, string Type, IReadOnlyList<double> Parameters, Timeframe Timeframe, CandleField Input, SourceLocation Location);
