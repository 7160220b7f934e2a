using FlashTrader.Core.Portfolio;

namespace FlashTrader.Core.Tests.Portfolio;

public sealed class WalletTests
{
    private readonly Wallet _wallet = new(["USDC", "BTC"]);

    [Fact]
    public void Locking_moves_free_balance_aside_and_unlocking_returns_it()
    {
        _wallet.Set(0, 100m, 0m);

        _wallet.Lock(0, 30.5m);
        _wallet.Free(0).Should().Be(69.5m);
        _wallet.Locked(0).Should().Be(30.5m);
        _wallet.Total(0).Should().Be(100m);

        _wallet.Unlock(0, 10m);
        _wallet.SpendLocked(0, 20.5m);
        _wallet.Free(0).Should().Be(79.5m);
        _wallet.Locked(0).Should().Be(0m);
    }

    [Fact]
    public void A_debit_beyond_the_free_balance_names_the_asset_and_both_amounts()
    {
        _wallet.Set(1, 0.5m, 0.25m);

        Action debit = () => _wallet.Debit(1, 0.6m);

        debit.Should().Throw<InvalidOperationException>().WithMessage("BTC: debit of 0.6 exceeds the free balance 0.5");
        _wallet.Free(1).Should().Be(0.5m);
    }

    [Fact]
    public void An_unknown_asset_is_named()
    {
        Action find = () => _wallet.IndexOf("ETH");

        find.Should().Throw<KeyNotFoundException>().WithMessage("asset ETH is not traded in this run");
    }
}
