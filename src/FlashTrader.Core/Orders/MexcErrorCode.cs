namespace FlashTrader.Core.Orders;

/// <summary>
/// MEXC's error codes, named: the one table the REST client reads answers with, the simulator answers with, and paper
/// rejections are reported in. Every code of shared/docs/mexc-spot-v3.md ("Errors and limits") is here; a code outside
/// that list says why it is here. Codes not listed still reach the REST client's caller as the raw number.
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

    /// <summary>10007: bad symbol (the symbol is not supported by the API: trading endpoints).</summary>
    BadSymbol = 10007,

    /// <summary>10101: insufficient balance.</summary>
    InsufficientBalance = 10101,

    /// <summary>30002: below the minimum transaction size (quantity or order value: MEXC uses one code for both).</summary>
    BelowMinimum = 30002,

    /// <summary>30005: oversold (selling more than the free base balance).</summary>
    Oversold = 30005,

    /// <summary>
    /// 30010: no valid trade price. Not in the doc's list, but MEXC's full code list has it; the simulator answers it for a
    /// MARKET order against an empty side and a LIMIT_MAKER that would take, where the doc's list has no code.
    /// </summary>
    NoValidTradePrice = 30010,

    /// <summary>30014: invalid symbol (market data endpoints).</summary>
    InvalidSymbol = 30014,

    /// <summary>30016: trading disabled for the symbol or the account.</summary>
    TradingDisabled = 30016,

    /// <summary>30019: market orders disabled.</summary>
    MarketOrdersDisabled = 30019,

    /// <summary>30029: too many open orders.</summary>
    TooManyOrders = 30029,

    /// <summary>30051: market orders through the API disabled.</summary>
    ApiMarketOrdersDisabled = 30051,

    /// <summary>33333: parameter error (also MEXC's answer to a price or quantity with too many decimals).</summary>
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
