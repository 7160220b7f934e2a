using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>GET /ticker/24hr. MEXC leaves some fields null or "" (bidQty, quoteVolume, count): those are null here.</summary>
public sealed record Ticker24h
{
    public string Symbol { get; init; } = "";

    public Fixed8? PriceChange { get; init; }

    public decimal? PriceChangePercent { get; init; }

    public Fixed8? PrevClosePrice { get; init; }

    public Fixed8? LastPrice { get; init; }

    public Fixed8? BidPrice { get; init; }

    public Fixed8? BidQty { get; init; }

    public Fixed8? AskPrice { get; init; }

    public Fixed8? AskQty { get; init; }

    public Fixed8? OpenPrice { get; init; }

    public Fixed8? HighPrice { get; init; }

    public Fixed8? LowPrice { get; init; }

    public decimal? Volume { get; init; }

    public decimal? QuoteVolume { get; init; }

    public long OpenTime { get; init; }

    public long CloseTime { get; init; }

    public long? Count { get; init; }
}
