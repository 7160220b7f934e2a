using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>GET /ticker/bookTicker: the best bid and ask.</summary>
public sealed record BookTickerQuote
{
    public string Symbol { get; init; } = "";

    public Fixed8 BidPrice { get; init; }

    public Fixed8 BidQty { get; init; }

    public Fixed8 AskPrice { get; init; }

    public Fixed8 AskQty { get; init; }
}
