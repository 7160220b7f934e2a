namespace FlashTrader.Mexc.Rest;

/// <summary>
/// The MEXC error codes the bot reacts to, named (values are MEXC's). Codes not listed still reach the caller as the
/// raw number in <see cref="MexcError.Code"/>.
/// </summary>
public enum MexcErrorCode
{
    None = 0,

    /// <summary>-2011: the order does not exist (cancel or query of an unknown id).</summary>
    UnknownOrder = -2011,

    /// <summary>400: API key required or invalid.</summary>
    ApiKeyRequired = 400,

    /// <summary>401: no permission for this call.</summary>
    NoPermission = 401,

    /// <summary>602: signature verification failed.</summary>
    SignatureVerificationFailed = 602,

    /// <summary>10007: bad symbol.</summary>
    BadSymbol = 10007,

    /// <summary>10101: insufficient balance.</summary>
    InsufficientBalance = 10101,

    /// <summary>30002: below the minimum transaction size.</summary>
    BelowMinimum = 30002,

    /// <summary>30004: insufficient position.</summary>
    InsufficientPosition = 30004,

    /// <summary>30005: oversold.</summary>
    Oversold = 30005,

    /// <summary>30014: invalid symbol.</summary>
    InvalidSymbol = 30014,

    /// <summary>30016: trading disabled for the symbol.</summary>
    TradingDisabled = 30016,

    /// <summary>30019: market orders disabled.</summary>
    MarketOrdersDisabled = 30019,

    /// <summary>30029: too many open orders.</summary>
    TooManyOrders = 30029,

    /// <summary>30051: market orders through the API disabled.</summary>
    ApiMarketOrdersDisabled = 30051,

    /// <summary>33333: parameter error.</summary>
    ParameterError = 33333,

    /// <summary>44444: invalid parameter.</summary>
    InvalidParameter = 44444,

    /// <summary>700001: API key format invalid.</summary>
    ApiKeyFormatInvalid = 700001,

    /// <summary>700002: the signature is not valid.</summary>
    InvalidSignature = 700002,

    /// <summary>700003: timestamp outside recvWindow (the local clock drifted from the server's).</summary>
    TimestampOutsideRecvWindow = 700003,

    /// <summary>700005: recvWindow above 60000.</summary>
    RecvWindowTooLarge = 700005,

    /// <summary>700006: the calling IP is not on the key's whitelist.</summary>
    IpNotWhitelisted = 700006,
}
