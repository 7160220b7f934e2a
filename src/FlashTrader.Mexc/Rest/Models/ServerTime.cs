using System.Text.Json.Serialization;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>GET /time: the server's clock, Unix ms.</summary>
public sealed record ServerTime([property: JsonPropertyName("serverTime")] long ServerTimeMs);
