namespace FlashTrader.Core.Orders;

/// <summary>
/// MEXC's order <c>type</c> parameter onto (<see cref="OrderType"/>, <see cref="TimeInForce"/>): MEXC has no separate
/// timeInForce, so IOC and FOK are order types of their own there.
/// </summary>
public static class MexcOrderTypes
{
    public static string ToMexcType(OrderType type, TimeInForce timeInForce) => (type, timeInForce) switch
    {
        (OrderType.Market, _) => "MARKET",
        (OrderType.LimitMaker, _) => "LIMIT_MAKER",
        (OrderType.Limit, TimeInForce.Ioc) => "IMMEDIATE_OR_CANCEL",
        (OrderType.Limit, TimeInForce.Fok) => "FILL_OR_KILL",
        _ => "LIMIT",
    };

    public static bool TryParse(ReadOnlySpan<char> mexcType, out OrderType type, out TimeInForce timeInForce)
    {
        (type, timeInForce) = mexcType switch
        {
            "LIMIT" => (OrderType.Limit, TimeInForce.Gtc),
            "MARKET" => (OrderType.Market, TimeInForce.Ioc),
            "LIMIT_MAKER" => (OrderType.LimitMaker, TimeInForce.Gtc),
            "IMMEDIATE_OR_CANCEL" => (OrderType.Limit, TimeInForce.Ioc),
            "FILL_OR_KILL" => (OrderType.Limit, TimeInForce.Fok),
            _ => (default(OrderType), default(TimeInForce)),
        };
        return type != default;
    }
}
