using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Storage.State;

/// <summary>A resting order as JSON with exact decimal strings (never floating point) for the open_orders table.</summary>
internal static class StoredOrder
{
    public static string ToJson(RestingOrderState o)
    {
        OrderRequest r = o.Request;
        var map = new Dictionary<string, string>
        {
            ["orderId"] = r.OrderId.ToString(CultureInfo.InvariantCulture),
            ["symbolId"] = r.SymbolId.ToString(CultureInfo.InvariantCulture),
            ["side"] = r.Side.ToString(),
            ["type"] = r.Type.ToString(),
            ["timeInForce"] = r.TimeInForce.ToString(),
            ["price"] = r.Price.ToString(),
            ["quantity"] = r.Quantity.ToString(),
            ["purpose"] = r.Purpose.ToString(),
            ["decisionTimeNs"] = r.DecisionTimeNs.ToString(CultureInfo.InvariantCulture),
            ["filled"] = o.Filled.ToString(),
            ["locked"] = o.Locked.ToString(CultureInfo.InvariantCulture),
        };
        return JsonSerializer.Serialize(map);
    }

    public static RestingOrderState FromJson(string json)
    {
        Dictionary<string, string> m = JsonSerializer.Deserialize<Dictionary<string, string>>(json)
            ?? throw new InvalidDataException("empty open order row");
        var request = new OrderRequest(
            long.Parse(m["orderId"], CultureInfo.InvariantCulture),
            int.Parse(m["symbolId"], CultureInfo.InvariantCulture),
            Enum.Parse<Side>(m["side"]),
            Enum.Parse<OrderType>(m["type"]),
            Enum.Parse<TimeInForce>(m["timeInForce"]),
            Fixed8.Parse(m["price"]),
            Fixed8.Parse(m["quantity"]),
            Enum.Parse<OrderPurpose>(m["purpose"]),
            -1,
            0,
            long.Parse(m["decisionTimeNs"], CultureInfo.InvariantCulture),
            0,
            0);
        return new RestingOrderState(request, Fixed8.Parse(m["filled"]), decimal.Parse(m["locked"], CultureInfo.InvariantCulture));
    }
}
