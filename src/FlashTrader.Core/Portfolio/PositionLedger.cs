using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Portfolio;

/// <summary>
/// One symbol's long position with its total cost (not an average, so accounting stays exact): a sell realizes
/// price × qty minus the proportional share of cost, and that same share leaves the cost basis. Hence, exactly,
/// equity = starting equity + realized + unrealized - fees at any mark.
/// </summary>
public sealed class PositionLedger
{
    public Fixed8 Quantity { get; private set; }

    /// <summary>Total cost of the open quantity, in the quote asset.</summary>
    public decimal Cost { get; private set; }

    public decimal RealizedPnl { get; private set; }

    public decimal Fees { get; private set; }

    public long Fills { get; private set; }

    public decimal AverageEntryPrice => Quantity.IsZero ? 0 : Cost / Quantity.ToDecimal();

    public void Apply(Side side, Fixed8 price, Fixed8 quantity, decimal fee)
    {
        decimal notional = Fixed8.Multiply(price, quantity);
        Fees += fee;
        Fills++;
        if (side == Side.Buy)
        {
            Quantity += quantity;
            Cost += notional;
            return;
        }

        // Selling more than held is prevented upstream; a sell of a larger amount would short, which spot cannot.
        Fixed8 closed = Fixed8.Min(quantity, Quantity);
        decimal releasedCost = Quantity.IsZero ? 0 : Cost * closed.ToDecimal() / Quantity.ToDecimal();
        if (closed == Quantity)
        {
            releasedCost = Cost;
        }

        Quantity -= closed;
        Cost -= releasedCost;
        RealizedPnl += notional - releasedCost;
    }

    public decimal UnrealizedPnl(Fixed8 mark) => Fixed8.Multiply(mark, Quantity) - Cost;

    /// <summary>Starts a run's accounting: a carried position is re-based at the first mark (its cost becomes its value).</summary>
    public void Rebase(Fixed8 mark)
    {
        Cost = Fixed8.Multiply(mark, Quantity);
        RealizedPnl = 0;
        Fees = 0;
        Fills = 0;
    }

    public void Restore(Fixed8 quantity, decimal cost)
    {
        Quantity = quantity;
        Cost = cost;
    }
}
