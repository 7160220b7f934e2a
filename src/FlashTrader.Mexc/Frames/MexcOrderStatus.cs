namespace FlashTrader.Mexc.Frames;

/// <summary>PrivateOrdersV3Api.status. Values outside the list are kept as their number.</summary>
public enum MexcOrderStatus
{
    Unspecified = 0,
    New = 1,
    Filled = 2,
    PartiallyFilled = 3,
    Canceled = 4,
    PartiallyCanceled = 5,
}
