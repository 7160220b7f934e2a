using FlashTrader.Mexc.Frames;

namespace FlashTrader.Mexc.Simulator.Exchange;

/// <summary>What one exchange action changed for the account, in the shape of the private push channels.</summary>
internal sealed class PrivateUpdates
{
    public List<PrivateOrderUpdate> Orders { get; } = [];

    public List<PrivateDeal> Deals { get; } = [];

    public List<PrivateAccountUpdate> Balances { get; } = [];

    public bool IsEmpty => Orders.Count == 0 && Deals.Count == 0 && Balances.Count == 0;

    public void Clear()
    {
        Orders.Clear();
        Deals.Clear();
        Balances.Clear();
    }
}
