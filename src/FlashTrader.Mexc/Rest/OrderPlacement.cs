using FlashTrader.Mexc.Rest.Models;

namespace FlashTrader.Mexc.Rest;

/// <summary>
/// The outcome of placing an order, never guessed: <see cref="Ack"/> when MEXC acknowledged it, <see cref="Order"/>
/// (its true state) when the acknowledgement was lost but the query by client order id found it, otherwise the
/// <see cref="Error"/> that explains the status (for Found, NotFound and Unknown also <see cref="SendError"/>, why the
/// POST's outcome was lost).
/// </summary>
public sealed record OrderPlacement(
    OrderPlacementStatus Status,
    string ClientOrderId,
    OrderAck? Ack = null,
    SpotOrder? Order = null,
    MexcError? Error = null,
    MexcError? SendError = null)
{
    /// <summary>True when the order is (or was) on the exchange.</summary>
    public bool IsOnExchange => Status is OrderPlacementStatus.Placed or OrderPlacementStatus.Found;

    /// <summary>The exchange's order id, when known.</summary>
    public string? OrderId => Ack?.OrderId ?? Order?.OrderId;
}
