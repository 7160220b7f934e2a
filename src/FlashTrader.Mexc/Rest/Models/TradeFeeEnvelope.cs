namespace FlashTrader.Mexc.Rest.Models;

/// <summary>/tradeFee wraps its answer: <c>{"data":{...},"code":0,"msg":"success"}</c>.</summary>
internal sealed record TradeFeeEnvelope(TradeFee? Data, int Code, string? Msg);
