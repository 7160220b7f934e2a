namespace FlashTrader.Core.Market;

/// <summary>What a <see cref="MarketEvent"/> carries. The numeric values are part of the recording format: never renumber.</summary>
public enum MarketEventKind : byte
{
    None = 0,

    /// <summary>A full L2 book (REST snapshot) with its lastUpdateId.</summary>
    DepthSnapshot = 1,

    /// <summary>An incremental L2 update covering update ids First..Last; quantities are absolute, 0 removes the level.</summary>
    DepthDiff = 2,

    Trade = 3,

    /// <summary>Best bid and ask.</summary>
    BookTicker = 4,

    /// <summary>An OHLCV bar (exchange kline or imported bar).</summary>
    Kline = 5,

    /// <summary>An undecoded exchange frame (e.g. MEXC protobuf) kept verbatim so it can be re-decoded.</summary>
    RawFrame = 6,
}
