namespace FlashTrader.Mexc.Rest.Models;

/// <summary>/userDataStream: the key that opens the private WebSocket streams (valid 60 minutes, renewed by PUT).</summary>
public sealed record ListenKey(string Key);
