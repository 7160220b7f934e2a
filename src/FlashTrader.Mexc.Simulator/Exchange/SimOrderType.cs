namespace FlashTrader.Mexc.Simulator.Exchange;

/// <summary>MEXC spot order types (the <c>type</c> parameter; there is no separate timeInForce).</summary>
public enum SimOrderType
{
    Limit,
    Market,
    LimitMaker,
    ImmediateOrCancel,
    FillOrKill,
}

/// <summary>MEXC order statuses.</summary>
public enum SimOrderStatus
{
    New,
    Filled,
    PartiallyFilled,
    Canceled,
    PartiallyCanceled,
}

public static class SimOrderWire
{
    public static string ToWire(this SimOrderType type) => type switch
    {
        SimOrderType.Limit => "LIMIT",
        SimOrderType.Market => "MARKET",
        SimOrderType.LimitMaker => "LIMIT_MAKER",
        SimOrderType.ImmediateOrCancel => "IMMEDIATE_OR_CANCEL",
        _ => "FILL_OR_KILL",
    };

    public static bool TryParseType(string? text, out SimOrderType type)
    {
        (bool ok, type) = text switch
        {
            "LIMIT" => (true, SimOrderType.Limit),
            "MARKET" => (true, SimOrderType.Market),
            "LIMIT_MAKER" => (true, SimOrderType.LimitMaker),
            "IMMEDIATE_OR_CANCEL" => (true, SimOrderType.ImmediateOrCancel),
            "FILL_OR_KILL" => (true, SimOrderType.FillOrKill),
            _ => (false, SimOrderType.Limit),
        };
        return ok;
    }

    public static string ToWire(this SimOrderStatus status) => status switch
    {
        SimOrderStatus.New => "NEW",
        SimOrderStatus.Filled => "FILLED",
        SimOrderStatus.PartiallyFilled => "PARTIALLY_FILLED",
        SimOrderStatus.Canceled => "CANCELED",
        _ => "PARTIALLY_CANCELED",
    };

    /// <summary>PrivateOrdersV3Api.orderType: 1 LIMIT, 2 POST_ONLY, 3 IOC, 4 FOK, 5 MARKET.</summary>
    public static int ToPushCode(this SimOrderType type) => type switch
    {
        SimOrderType.Limit => 1,
        SimOrderType.LimitMaker => 2,
        SimOrderType.ImmediateOrCancel => 3,
        SimOrderType.FillOrKill => 4,
        _ => 5,
    };

    /// <summary>PrivateOrdersV3Api.status: 1 new, 2 filled, 3 partially filled, 4 canceled, 5 partially canceled.</summary>
    public static int ToPushCode(this SimOrderStatus status) => (int)status + 1;
}
