using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashTrader.Mexc.Rest.Json;

/// <summary>MEXC's enum spelling: PartiallyFilled is "PARTIALLY_FILLED", LimitMaker is "LIMIT_MAKER".</summary>
public sealed class UpperSnakeCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public UpperSnakeCaseEnumConverter()
        : base(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false)
    {
    }
}
