using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Json;

/// <summary>A price or quantity MEXC may leave out as null or "" (ticker/24hr's bidQty, a market order's price).</summary>
public sealed class OptionalFixed8JsonConverter : OptionalJsonConverter<Fixed8, Fixed8JsonConverter>;
