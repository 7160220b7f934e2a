namespace FlashTrader.Mexc.Rest.Models;

/// <summary>GET /tradeFee: the account's commission rates for a symbol (0.0002 = 2 bps).</summary>
public sealed record TradeFee(decimal MakerCommission, decimal TakerCommission);
