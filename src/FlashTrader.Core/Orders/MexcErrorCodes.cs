namespace FlashTrader.Core.Orders;

/// <summary>
/// The error code MEXC answers a refused order with (shared/docs/mexc-spot-v3.md, "Errors and limits"), so paper
/// rejections read like live ones. 0 where MEXC documents no code for the refusal (most risk limits, an unsynced book).
/// </summary>
public static class MexcErrorCodes
{
    public const int InsufficientBalance = 10101;

    /// <summary>Below the minimum quantity or order value: MEXC uses one code for both.</summary>
    public const int BelowMinimum = 30002;

    /// <summary>Parameter error: MEXC's answer to a price or quantity with too many decimals.</summary>
    public const int ParameterError = 33333;

    /// <summary>Trading is suspended for the account or the symbol.</summary>
    public const int TradingSuspended = 30016;

    /// <summary>The number of orders passed a limit.</summary>
    public const int OrderLimitExceeded = 30029;

    public static int ToMexcCode(this RejectReason reason) => reason switch
    {
        RejectReason.InsufficientBalance => InsufficientBalance,
        RejectReason.BelowMinQuantity or RejectReason.BelowMinNotional => BelowMinimum,
        RejectReason.InvalidPrecision or RejectReason.InvalidPrice => ParameterError,
        RejectReason.TradingHalted => TradingSuspended,
        RejectReason.MaxOpenOrders or RejectReason.MaxOrdersPerMinute or RejectReason.MaxDailyOrders => OrderLimitExceeded,

        // LIMIT_MAKER that would take: MEXC's documentation gives no code for it.
        _ => 0,
    };
}
