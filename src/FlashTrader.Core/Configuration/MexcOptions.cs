namespace FlashTrader.Core.Configuration;

public sealed class MexcOptions
{
    public string RestUrl { get; set; } = "https://api.mexc.com";

    public string WsUrl { get; set; } = "wss://wbs-api.mexc.com/ws";

    /// <summary>Client-side budget: MEXC support advises at most 20 requests/s in total.</summary>
    public int RequestsPerSecond { get; set; } = 20;

    public int OrdersPerSecond { get; set; } = 12;

    public int RecvWindowMs { get; set; } = 5000;

    public MexcWebSocketOptions WebSocket { get; set; } = new();

    public MexcBookOptions Book { get; set; } = new();
}
