namespace FlashTrader.Core.Orders;

/// <summary>
/// The MEXC spot error code a refusal corresponds to, so journals and summaries read like the exchange's own answers.
/// Risk limits MEXC has no code for map to 0.
/// </summary>
public static class MexcRejectCodes
{
    public static int ToMexcCode(this RejectReason reason) => reason switch
    {
        RejectReason.InsufficientBalance => 10101,
        RejectReason.BelowMinQuantity or RejectReason.BelowMinNotional => 30002,
        RejectReason.TradingHalted => 30016,
        RejectReason.MaxOpenOrders or RejectReason.MaxOrdersPerMinute or RejectReason.MaxDailyOrders => 30029,
        RejectReason.InvalidPrice => 33333,
        _ => 0,
    };
}
