namespace FlashTrader.Mexc.WebSocket;

/// <summary>MEXC spot v3 public channel names (protobuf), symbol upper-case, as the protocol documentation lists them.</summary>
public static class MexcChannels
{
    public static string AggreDepth(string symbol, string interval = "10ms") => $"spot@public.aggre.depth.v3.api.pb@{interval}@{symbol}";

    public static string AggreDeals(string symbol, string interval = "10ms") => $"spot@public.aggre.deals.v3.api.pb@{interval}@{symbol}";

    public static string AggreBookTicker(string symbol, string interval = "100ms") => $"spot@public.aggre.bookTicker.v3.api.pb@{interval}@{symbol}";

    public static string Kline(string symbol, string interval) => $"spot@public.kline.v3.api.pb@{symbol}@{interval}";

    public static string LimitDepth(string symbol, int levels) => $"spot@public.limit.depth.v3.api.pb@{symbol}@{levels}";

    /// <summary>What the live bot streams for one pair: the incremental book and trades at 10 ms, the book ticker, 1- and 15-minute klines.</summary>
    public static IReadOnlyList<string> LiveMarketData(string symbol) =>
        [AggreDepth(symbol), AggreDeals(symbol), AggreBookTicker(symbol), Kline(symbol, "Min1"), Kline(symbol, "Min15")];
}
