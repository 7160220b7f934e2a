namespace FlashTrader.Core.Orders;

/// <summary>
/// The error code MEXC answers a refused order with (shared/docs/mexc-spot-v3.md, "Errors and limits"), so paper
/// rejections read like live ones. 0 where the refusal is ours, not the exchange's (risk gate, unsynced book), or MEXC documents no code.
/// </summary>
public static class MexcErrorCodes
{
    public const int InsufficientBalance = 10101;

    /// <summary>Below the minimum quantity or order value: MEXC uses one code for both.</summary>
    public const int BelowMinimum = 30002;

    /// <summary>Parameter error: MEXC's answer to a price or quantity with too many decimals.</summary>
    public const int ParameterError = 33333;

    public static int ToMexcCode(this RejectReason reason) => reason switch
    {
        RejectReason.InsufficientBalance => InsufficientBalance,
        RejectReason.BelowMinQuantity or RejectReason.BelowMinNotional => BelowMinimum,
        RejectReason.InvalidPrecision or RejectReason.InvalidPrice => ParameterError,

        // LIMIT_MAKER that would take: MEXC's documentation gives no code for it.
        _ => 0,
    };
}
