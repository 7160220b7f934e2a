namespace FlashTrader.Mexc.Rest.Models;

/// <summary>The REST order types (sent as LIMIT, MARKET, LIMIT_MAKER, IMMEDIATE_OR_CANCEL, FILL_OR_KILL).</summary>
public enum SpotOrderType
{
    Limit,
    Market,

    /// <summary>Post-only: rejected if it would take liquidity.</summary>
    LimitMaker,
    ImmediateOrCancel,
    FillOrKill,
}
