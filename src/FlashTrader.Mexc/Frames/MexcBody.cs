namespace FlashTrader.Mexc.Frames;

/// <summary>The body fields of a PushDataV3ApiWrapper (its oneof): the field number says which message follows.</summary>
public enum MexcBody
{
    None = 0,
    PublicDeals = 301,
    PublicIncreaseDepths = 302,
    PublicLimitDepths = 303,
    PrivateOrders = 304,
    PublicBookTicker = 305,
    PrivateDeals = 306,
    PrivateAccount = 307,
    PublicSpotKline = 308,
    PublicMiniTicker = 309,
    PublicMiniTickers = 310,
    PublicBookTickerBatch = 311,
    PublicIncreaseDepthsBatch = 312,
    PublicAggreDepths = 313,
    PublicAggreDeals = 314,
    PublicAggreBookTicker = 315,
}
