namespace FlashTrader.Mexc.Rest;

/// <summary>What is known about an order after POST /order.</summary>
public enum OrderPlacementStatus
{
    /// <summary>MEXC acknowledged the order.</summary>
    Placed,

    /// <summary>The order is not on the exchange: MEXC refused it, or it was refused before sending.</summary>
    Rejected,

    /// <summary>The POST's outcome was lost (timeout, 5xx, dropped connection); a query by client order id found it.</summary>
    Found,

    /// <summary>The POST's outcome was lost and MEXC knows no order with the client order id (-2011).</summary>
    NotFound,

    /// <summary>The POST's outcome was lost and the query failed too: the order may or may not exist.</summary>
    Unknown,
}
