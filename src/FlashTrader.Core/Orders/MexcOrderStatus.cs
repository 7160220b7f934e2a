namespace FlashTrader.Core.Orders;

/// <summary>MEXC's order status names (REST) and numbers (private protobuf stream) onto <see cref="OrderStatus"/>.</summary>
public static class MexcOrderStatus
{
    public static bool TryParse(ReadOnlySpan<char> name, out OrderStatus status)
    {
        status = name switch
        {
            "NEW" => OrderStatus.New,
            "PARTIALLY_FILLED" => OrderStatus.PartiallyFilled,
            "FILLED" => OrderStatus.Filled,
            "CANCELED" => OrderStatus.Canceled,
            "PARTIALLY_CANCELED" => OrderStatus.PartiallyCanceled,
            _ => OrderStatus.PendingNew,
        };
        return status != OrderStatus.PendingNew;
    }

    /// <summary>PrivateOrdersV3Api field 15: 1 new, 2 filled, 3 partially filled, 4 canceled, 5 partially canceled.</summary>
    public static bool TryFromStreamCode(int code, out OrderStatus status)
    {
        status = code switch
        {
            1 => OrderStatus.New,
            2 => OrderStatus.Filled,
            3 => OrderStatus.PartiallyFilled,
            4 => OrderStatus.Canceled,
            5 => OrderStatus.PartiallyCanceled,
            _ => OrderStatus.PendingNew,
        };
        return status != OrderStatus.PendingNew;
    }
}
