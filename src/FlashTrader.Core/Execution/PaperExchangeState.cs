using FlashTrader.Core.Orders;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Execution;

/// <summary>Everything the paper exchange must persist to resume where it stopped.</summary>
public sealed record PaperExchangeState
{
    public required IReadOnlyDictionary<string, (decimal Free, decimal Locked)> Balances { get; init; }

    public required IReadOnlyList<RestingOrderState> OpenOrders { get; init; }

    /// <summary>Per symbol: open quantity and its total cost.</summary>
    public required IReadOnlyDictionary<string, (Fixed8 Quantity, decimal Cost)> Positions { get; init; }

    public long NextOrderId { get; init; } = 1;

    public long NextFillId { get; init; } = 1;
}

public sealed record RestingOrderState(OrderRequest Request, Fixed8 Filled, decimal Locked);
