namespace FlashTrader.Mexc.Frames;

/// <summary>PrivateOrdersV3Api.orderType. Values outside the list are kept as their number.</summary>
public enum MexcOrderType
{
    Unspecified = 0,
    Limit = 1,
    PostOnly = 2,
    ImmediateOrCancel = 3,
    FillOrKill = 4,
    Market = 5,
    Stop = 100,
}
