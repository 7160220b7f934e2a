using System.Text.Json.Serialization;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>One GET /aggTrades entry (MEXC sends a, f and l as null, so they are not kept).</summary>
public sealed record AggregateTrade
{
    [JsonPropertyName("p")]
    public Fixed8 Price { get; init; }

    [JsonPropertyName("q")]
    public Fixed8 Quantity { get; init; }

    /// <summary>Unix ms.</summary>
    [JsonPropertyName("T")]
    public long Time { get; init; }

    /// <summary>True when the buyer was the maker: a sell-initiated trade.</summary>
    [JsonPropertyName("m")]
    public bool IsBuyerMaker { get; init; }

    [JsonPropertyName("M")]
    public bool IsBestMatch { get; init; }
}
