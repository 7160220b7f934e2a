using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Simulator.Exchange;

/// <summary>An order on the simulated exchange, with its fills so far and what it holds locked.</summary>
public sealed class SimOrder
{
    public required string OrderId { get; init; }

    public required string ClientOrderId { get; init; }

    public required int SymbolId { get; init; }

    public required string Symbol { get; init; }

    public required Side Side { get; init; }

    public required SimOrderType Type { get; init; }

    /// <summary>Limit price; zero for MARKET.</summary>
    public Fixed8 Price { get; init; }

    /// <summary>Base quantity asked for; zero for a MARKET order given by quoteOrderQty.</summary>
    public Fixed8 OriginalQuantity { get; init; }

    /// <summary>Quote amount asked for by a MARKET order (quoteOrderQty); zero otherwise.</summary>
    public Fixed8 OriginalQuoteQuantity { get; init; }

    public Fixed8 ExecutedQuantity { get; internal set; }

    public decimal CumulativeQuote { get; internal set; }

    public SimOrderStatus Status { get; internal set; }

    public long CreateTimeMs { get; init; }

    public long UpdateTimeMs { get; internal set; }

    /// <summary>What the order still holds locked: quote for a buy, base for a sell.</summary>
    internal decimal Locked { get; set; }

    public bool IsWorking => Status is SimOrderStatus.New or SimOrderStatus.PartiallyFilled;

    public Fixed8 RemainingQuantity => OriginalQuantity - ExecutedQuantity;
}
