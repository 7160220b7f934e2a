using System.Text.Json.Serialization;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Rest.Models;

namespace FlashTrader.Mexc.Rest.Json;

/// <summary>
/// Source-generated readers for MEXC's REST bodies: camelCase names as MEXC sends them, prices and quantities as
/// <see cref="Core.Numerics.Fixed8"/> and amounts as exact decimals (both from MEXC's strings), enums in MEXC's
/// UPPER_SNAKE spelling. Unknown fields are ignored, so additions on MEXC's side do not break the client.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters =
    [
        typeof(Fixed8JsonConverter),
        typeof(OptionalFixed8JsonConverter),
        typeof(ExactDecimalJsonConverter),
        typeof(OptionalDecimalJsonConverter),
        typeof(KlineJsonConverter),
        typeof(UpperSnakeCaseEnumConverter<Side>),
        typeof(UpperSnakeCaseEnumConverter<SpotOrderType>),
        typeof(UpperSnakeCaseEnumConverter<MexcOrderStatus>),
    ])]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ServerTime))]
[JsonSerializable(typeof(ExchangeInfo))]
[JsonSerializable(typeof(RecentTrade[]))]
[JsonSerializable(typeof(AggregateTrade[]))]
[JsonSerializable(typeof(Kline[]))]
[JsonSerializable(typeof(BookTickerQuote))]
[JsonSerializable(typeof(Ticker24h))]
[JsonSerializable(typeof(AccountInfo))]
[JsonSerializable(typeof(OrderAck))]
[JsonSerializable(typeof(SpotOrder))]
[JsonSerializable(typeof(SpotOrder[]))]
[JsonSerializable(typeof(AccountTrade[]))]
[JsonSerializable(typeof(TradeFeeEnvelope))]
[JsonSerializable(typeof(ListenKeyBody))]
[JsonSerializable(typeof(MexcErrorBody))]
internal sealed partial class MexcJsonContext : JsonSerializerContext;
