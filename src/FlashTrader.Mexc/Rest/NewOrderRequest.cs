using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Rest.Models;
using FlashTrader.Mexc.Signing;

namespace FlashTrader.Mexc.Rest;

/// <summary>
/// A new spot order (POST /order and /order/test). LIMIT-like types need <see cref="Quantity"/> and <see cref="Price"/>;
/// MARKET needs <see cref="Quantity"/> or <see cref="QuoteOrderQuantity"/>. <see cref="ClientOrderId"/> is how the
/// order is found again when the answer to its POST is lost; the client makes one up when it is not given.
/// </summary>
public sealed record NewOrderRequest(
    string Symbol,
    Side Side,
    SpotOrderType Type,
    Fixed8? Quantity = null,
    Fixed8? Price = null,
    Fixed8? QuoteOrderQuantity = null,
    string? ClientOrderId = null)
{
    /// <summary>The longest client order id accepted (MEXC follows Binance's 36).</summary>
    public const int MaxClientOrderIdLength = 36;

    /// <summary>What is wrong with the request, or null when it can be sent.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Symbol))
        {
            return "Symbol must not be empty";
        }

        if (Side is not (Side.Buy or Side.Sell))
        {
            return $"Side must be Buy or Sell, not {Side}";
        }

        if (!Enum.IsDefined(Type))
        {
            return $"Type {(int)Type} is not an order type";
        }

        foreach ((string name, Fixed8? value) in new[] { ("Quantity", Quantity), ("Price", Price), ("QuoteOrderQuantity", QuoteOrderQuantity) })
        {
            if (value is { IsPositive: false })
            {
                return $"{name} must be greater than 0, got {value}";
            }
        }

        if (Type == SpotOrderType.Market)
        {
            if (Quantity is null == QuoteOrderQuantity is null)
            {
                return "a MARKET order needs exactly one of Quantity and QuoteOrderQuantity";
            }

            if (Price is not null)
            {
                return "a MARKET order takes no Price";
            }
        }
        else if (Quantity is null || Price is null || QuoteOrderQuantity is not null)
        {
            return $"a {Type} order needs Quantity and Price (and no QuoteOrderQuantity)";
        }

        if (ClientOrderId is not null && !IsValidClientOrderId(ClientOrderId))
        {
            return $"ClientOrderId '{ClientOrderId}' must be 1 to {MaxClientOrderIdLength} characters of A-Z a-z 0-9 . : / _ -";
        }

        return null;
    }

    /// <summary>Appends the order's parameters in MEXC's documented order, with <paramref name="clientOrderId"/>.</summary>
    public void WriteTo(MexcQueryString query, string clientOrderId)
    {
        query.Add("symbol", Symbol);
        query.Add("side", Side == Side.Buy ? "BUY" : "SELL");
        query.Add("type", TypeName(Type));
        Span<char> number = stackalloc char[32];
        AddDecimal(query, "quantity", Quantity, number);
        AddDecimal(query, "quoteOrderQty", QuoteOrderQuantity, number);
        AddDecimal(query, "price", Price, number);
        query.Add("newClientOrderId", clientOrderId);
    }

    /// <summary>MEXC's spelling of an order type.</summary>
    public static string TypeName(SpotOrderType type) => type switch
    {
        SpotOrderType.Limit => "LIMIT",
        SpotOrderType.Market => "MARKET",
        SpotOrderType.LimitMaker => "LIMIT_MAKER",
        SpotOrderType.ImmediateOrCancel => "IMMEDIATE_OR_CANCEL",
        SpotOrderType.FillOrKill => "FILL_OR_KILL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an order type"),
    };

    public static bool IsValidClientOrderId(string id) =>
        id.Length is > 0 and <= MaxClientOrderIdLength &&
        id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '/' or '_' or '-');

    private static void AddDecimal(MexcQueryString query, string name, Fixed8? value, Span<char> buffer)
    {
        if (value is { } v)
        {
            v.TryFormat(buffer, out int n);
            query.Add(name, buffer[..n]);
        }
    }
}
