namespace FlashTrader.Mexc.Frames;

public enum MexcDecodeStatus : byte
{
    /// <summary>The body was decoded and its events (possibly none, e.g. an empty deals list) were emitted.</summary>
    Decoded,

    /// <summary>Well-formed but for a symbol that is not configured: nothing emitted.</summary>
    UnknownSymbol,

    /// <summary>Well-formed wrapper whose body this decoder does not turn into events (mini tickers, old depth): nothing emitted.</summary>
    UnsupportedBody,

    /// <summary>A wrapper without a body: nothing emitted.</summary>
    NoBody,

    /// <summary>Not a valid frame: nothing emitted; see the error and offset.</summary>
    Malformed,
}
