namespace FlashTrader.Core.Orders;

/// <summary>
/// Order types as the matching engine sees them; MEXC's IMMEDIATE_OR_CANCEL and FILL_OR_KILL are LIMIT orders with
/// <see cref="TimeInForce.Ioc"/> or <see cref="TimeInForce.Fok"/> (see <see cref="MexcOrderTypes"/>).
/// </summary>
public enum OrderType : byte
{
    Limit = 1,
    Market = 2,

    /// <summary>Post-only: rests as maker, rejected whole if it would take on arrival.</summary>
    LimitMaker = 3,
}

public enum TimeInForce : byte
{
    /// <summary>Good till canceled: the unfilled rest of a LIMIT order rests on the book.</summary>
    Gtc = 1,

    /// <summary>Immediate or cancel: fill what the book offers now, cancel the rest.</summary>
    Ioc = 2,

    /// <summary>Fill or kill: all now or nothing.</summary>
    Fok = 3,
}

/// <summary>
/// Order states, as MEXC names them; REJECTED for orders that never reached the book. <see cref="OrderStateMachine"/>
/// holds the legal transitions.
/// </summary>
public enum OrderStatus : byte
{
    /// <summary>Sent, not yet acknowledged by the exchange: the state every order starts in (never reported).</summary>
    PendingNew = 0,

    New = 1,
    PartiallyFilled = 2,
    Filled = 3,
    Canceled = 4,
    PartiallyCanceled = 5,
    Rejected = 6,
}

/// <summary>Why the decision engine sent an order.</summary>
public enum OrderPurpose : byte
{
    Entry = 1,
    TakeProfit = 2,
    StopLoss = 3,

    /// <summary>Opposite signals outweighed the position.</summary>
    SignalExit = 4,

    /// <summary>Kill switch or shutdown flattening.</summary>
    Flatten = 5,

    /// <summary>The bid fell the strategy's trailing distance below its best since entry.</summary>
    TrailingStop = 6,

    /// <summary>The position reached the strategy's time stop.</summary>
    TimeStop = 7,
}

public enum Liquidity : byte
{
    None = 0,
    Maker = 1,
    Taker = 2,
}

public static class OrderEnumText
{
    public static string ToWire(this OrderStatus status) => status switch
    {
        OrderStatus.New => "NEW",
        OrderStatus.PartiallyFilled => "PARTIALLY_FILLED",
        OrderStatus.Filled => "FILLED",
        OrderStatus.Canceled => "CANCELED",
        OrderStatus.PartiallyCanceled => "PARTIALLY_CANCELED",
        OrderStatus.PendingNew => "PENDING_NEW",
        _ => "REJECTED",
    };

    public static string ToWire(this Liquidity liquidity) => liquidity switch
    {
        Liquidity.Maker => "maker",
        Liquidity.Taker => "taker",
        _ => "",
    };

    public static bool IsFinal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.PartiallyCanceled or OrderStatus.Rejected;
}
