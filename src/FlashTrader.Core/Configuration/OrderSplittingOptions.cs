namespace FlashTrader.Core.Configuration;

/// <summary>
/// Execution optimisation: a large entry (the parent) is worked as a series of IOC child orders, each sized to a share of
/// the liquidity visible at the touch, spaced in market time and never priced beyond a limit around the parent's arrival
/// price. Off by default: the pinned figures are those of unsplit orders.
/// </summary>
public sealed class OrderSplittingOptions
{
    public bool Enabled { get; set; }

    /// <summary>Entries whose notional (at the arrival touch) is at least this are split; smaller ones go whole.</summary>
    public decimal MinParentNotional { get; set; } = 1_000m;

    /// <summary>Share of the quantity displayed at the touch (best ask for a buy) one child takes, in (0, 1].</summary>
    public double TouchShare { get; set; } = 0.5;

    /// <summary>Smallest child, in the quote asset (0: the pair's MinNotional); the last child takes any smaller rest.</summary>
    public decimal MinChildNotional { get; set; }

    /// <summary>Largest child, in the quote asset (0: no cap beyond the touch share).</summary>
    public decimal MaxChildNotional { get; set; }

    /// <summary>Market time between one child's send and the next.</summary>
    public int IntervalMs { get; set; } = 200;

    /// <summary>How far beyond the parent's arrival price (buy: above the ask, sell: below the bid) a child may trade, in bps.</summary>
    public double PriceLimitBps { get; set; } = 10;

    /// <summary>Market time after which the parent's unsent rest is canceled.</summary>
    public int TimeoutMs { get; set; } = 30_000;

    /// <summary>Children one parent may send at most (the rest is canceled); at most 999.</summary>
    public int MaxChildren { get; set; } = 100;
}
