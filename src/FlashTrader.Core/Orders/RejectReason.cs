namespace FlashTrader.Core.Orders;

/// <summary>Why an order was refused, by the risk gate or by the (paper) exchange. Names are stable: they key summaries.</summary>
public enum RejectReason : byte
{
    None = 0,
    BookNotSynced,
    TradingHalted,
    MaxPosition,
    MaxOpenOrders,
    MaxDailyOrders,
    BelowMinQuantity,
    BelowMinNotional,
    InsufficientBalance,
    NoLiquidity,
    InvalidPrice,

    /// <summary>The pair's notional (position plus working buys) would pass Risk:MaxNotionalPerPair.</summary>
    MaxNotional,

    /// <summary>All pairs together would pass Risk:MaxTotalExposure.</summary>
    MaxExposure,

    /// <summary>A correlation group (Risk:CorrelationGroups) would pass its MaxExposure.</summary>
    MaxCorrelatedExposure,

    /// <summary>The order's strategy would pass Risk:MaxExposurePerStrategy.</summary>
    MaxStrategyExposure,

    MaxOrdersPerMinute,

    /// <summary>The pair's spread is beyond Risk:MaxSpreadBps.</summary>
    SpreadTooWide,

    /// <summary>The pair's realized volatility is beyond Risk:MaxVolatilityPercent.</summary>
    VolatilityTooHigh,

    /// <summary>Price or quantity has more decimals than the pair allows.</summary>
    InvalidPrecision,

    /// <summary>A LIMIT_MAKER order that would have taken liquidity on arrival.</summary>
    WouldTakeLiquidity,
}

public static class RejectReasonText
{
    private static readonly string[] Names = [.. Enum.GetNames<RejectReason>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])];

    /// <summary>camelCase name, as used in the run summary.</summary>
    public static string ToKey(this RejectReason reason) => Names[(int)reason];

    public static int Count => Names.Length;
}
