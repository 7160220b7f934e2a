using System.Text.Json.Serialization;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>GET /exchangeInfo.</summary>
public sealed record ExchangeInfo
{
    public string Timezone { get; init; } = "";

    public long ServerTime { get; init; }

    public IReadOnlyList<ExchangeSymbol> Symbols { get; init; } = [];

    [JsonIgnore]
    public ExchangeSymbol? this[string symbol] => Symbols.FirstOrDefault(s => s.Symbol == symbol);
}
