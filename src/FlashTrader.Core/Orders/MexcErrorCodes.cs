namespace FlashTrader.Core.Orders;

/// <summary>
/// The <see cref="MexcErrorCode"/> MEXC answers a refused order with, so paper rejections read like live ones.
/// 0 where MEXC documents no code for the refusal (most risk limits, an unsynced book).
/// </summary>
public static class MexcErrorCodes
{
    public static int ToMexcCode(this RejectReason reason) => (int)(reason switch
    {
        RejectReason.InsufficientBalance => MexcErrorCode.InsufficientBalance,
        RejectReason.BelowMinQuantity or RejectReason.BelowMinNotional => MexcErrorCode.BelowMinimum,
        RejectReason.InvalidPrecision or RejectReason.InvalidPrice => MexcErrorCode.ParameterError,
        RejectReason.TradingHalted => MexcErrorCode.TradingDisabled,
        RejectReason.MaxOpenOrders or RejectReason.MaxOrdersPerMinute or RejectReason.MaxDailyOrders => MexcErrorCode.TooManyOrders,

        // What the simulator answers a LIMIT_MAKER that would take with, so paper and simulated refusals agree.
        RejectReason.WouldTakeLiquidity => MexcErrorCode.NoValidTradePrice,
        _ => MexcErrorCode.None,
    });
}
