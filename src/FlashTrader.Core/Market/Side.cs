namespace FlashTrader.Core.Market;

/// <summary>Order or aggressor side. <see cref="None"/> where a source does not say (e.g. an unknown aggressor).</summary>
public enum Side : byte
{
    None = 0,
    Buy = 1,
    Sell = 2,
}

public static class SideExtensions
{
    public static Side Opposite(this Side side) => side switch
    {
        Side.Buy => Side.Sell,
        Side.Sell => Side.Buy,
        _ => Side.None,
    };

    public static string ToWire(this Side side) => side switch
    {
        Side.Buy => "BUY",
        Side.Sell => "SELL",
        _ => "NONE",
    };
}
