namespace FlashTrader.Mexc.Rest.Models;

/// <summary>MEXC's error body <c>{"code": int, "msg": "..."}</c>.</summary>
internal sealed record MexcErrorBody(int Code, string? Msg);
