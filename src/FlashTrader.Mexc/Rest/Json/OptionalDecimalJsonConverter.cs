namespace FlashTrader.Mexc.Rest.Json;

/// <summary>An exact amount MEXC may leave out as null or "" (ticker/24hr's quoteVolume).</summary>
public sealed class OptionalDecimalJsonConverter : OptionalJsonConverter<decimal, ExactDecimalJsonConverter>;
