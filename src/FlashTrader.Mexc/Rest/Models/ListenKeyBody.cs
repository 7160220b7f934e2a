namespace FlashTrader.Mexc.Rest.Models;

/// <summary>/userDataStream's body: <c>{"listenKey":"..."}</c>.</summary>
internal sealed record ListenKeyBody(string? ListenKey);
