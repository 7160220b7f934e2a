using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Frames;

/// <summary>A balance change of one asset (private account stream, body 307).</summary>
public readonly record struct PrivateAccountUpdate
{
    public string Asset { get; init; }

    public string CoinId { get; init; }

    /// <summary>Free balance after the change.</summary>
    public Fixed8 Balance { get; init; }

    public Fixed8 BalanceChange { get; init; }

    /// <summary>Locked (in open orders) balance after the change.</summary>
    public Fixed8 Frozen { get; init; }

    public Fixed8 FrozenChange { get; init; }

    /// <summary>What caused the change, as MEXC sends it.</summary>
    public string ChangeType { get; init; }

    public long ChangeTimeNs { get; init; }

    public long ExchangeTimeNs { get; init; }

    public long LocalTimeNs { get; init; }
}
