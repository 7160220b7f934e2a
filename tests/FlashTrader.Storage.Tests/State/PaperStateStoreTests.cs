using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Storage.State;
using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.Tests.State;

public sealed class PaperStateStoreTests : IDisposable
{
    private static readonly InstrumentSet Instruments = new([
        new TradingPairOptions { Symbol = "BTCUSDC", BaseAsset = "BTC", QuoteAsset = "USDC", MinOrderSize = 0.001m, MaxPosition = 1m },
        new TradingPairOptions { Symbol = "ETHUSDC", BaseAsset = "ETH", QuoteAsset = "USDC", MinOrderSize = 0.01m, MaxPosition = 1m },
    ]);

    private static readonly Dictionary<string, decimal> Initial = new(StringComparer.Ordinal) { ["USDC"] = 1_000m, ["BTC"] = 0m, ["ETH"] = 0m };

    private readonly TempDirectory _temp = new();

    private string DatabasePath => _temp.File("state/paper.db");

    private static OrderRequest Resting(long id, int symbol, Side side, string price, string quantity) =>
        new(id, symbol, side, OrderType.Limit, TimeInForce.Gtc, Fixed8.Parse(price), Fixed8.Parse(quantity), OrderPurpose.Entry, -1, 0.8,
            1_723_161_253_123_456_789, 7, 123_456);

    private static ExecutionReport Fill(long fillId, long orderId, Side side, string price, string quantity, decimal fee) =>
        new(orderId, 0, side, OrderStatus.Filled, OrderPurpose.Entry, RejectReason.None, fillId, Fixed8.Parse(price), Fixed8.Parse(quantity), fee,
            Liquidity.Taker, Fixed8.Parse(quantity), Fixed8.Parse(quantity), 1_723_161_253_000_000_000 + fillId, 1);

    /// <summary>An account mid-run: a BTC position whose cost is a repeating decimal, a resting buy and a resting sell.</summary>
    private static PaperExchangeState MidRun() => new()
    {
        Balances = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal)
        {
            ["USDC"] = (798.2985m, 99.5199m),
            ["BTC"] = (1.75m, 0.25m),
            ["ETH"] = (0m, 0m),
        },
        Positions = new Dictionary<string, (Fixed8, decimal)>(StringComparer.Ordinal)
        {
            ["BTCUSDC"] = (Fixed8.Parse("2"), 201.66666666666666666666666667m),
            ["ETHUSDC"] = (Fixed8.Zero, 0m),
        },
        OpenOrders =
        [
            new RestingOrderState(Resting(4, 0, Side.Buy, "99.5", "1"), Fixed8.Zero, 99.5199m),
            new RestingOrderState(Resting(5, 0, Side.Sell, "105.25", "0.5"), Fixed8.Parse("0.25"), 0.25m),
        ],
        NextFillId = 3,
    };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_new_store_has_nothing_to_load()
    {
        using var store = new PaperStateStore(DatabasePath);

        store.Load().Should().BeNull();
        File.Exists(DatabasePath).Should().BeTrue("the folder and database are created on open");
    }

    [Fact]
    public void Saved_state_loads_back_equal_in_a_new_process()
    {
        PaperExchangeState saved = MidRun();
        using (var store = new PaperStateStore(DatabasePath))
        {
            store.Reset(Initial);
            store.Save(saved, nextOrderId: 6, [Fill(1, 3, Side.Buy, "100", "0.5", 0.05m), Fill(2, 3, Side.Buy, "101", "1.5", 0.1515m)], Instruments);
        }

        using var reopened = new PaperStateStore(DatabasePath);
        PersistedPaperAccount? loaded = reopened.Load();

        loaded.Should().NotBeNull();
        loaded!.NextOrderId.Should().Be(6);
        loaded.InitialBalances.Should().Equal(Initial);
        loaded.State.NextFillId.Should().Be(3);
        loaded.State.Balances.Should().Equal(saved.Balances);
        loaded.State.Positions.Should().Equal(saved.Positions);
        reopened.FillCount().Should().Be(2);
    }

    [Fact]
    public void Open_orders_keep_everything_the_exchange_needs_and_drop_what_belongs_to_the_old_run()
    {
        PaperExchangeState saved = MidRun();
        using var store = new PaperStateStore(DatabasePath);
        store.Reset(Initial);
        store.Save(saved, nextOrderId: 6, [], Instruments);

        IReadOnlyList<RestingOrderState> loaded = store.Load()!.State.OpenOrders;

        // Tick sequence, receive timestamp and signal strength describe the run that placed the order; a new run restarts them.
        loaded.Should().Equal(saved.OpenOrders.Select(o => o with { Request = o.Request with { Strength = 0, TickSequence = 0, ReceivedTimestamp = 0 } }));
        loaded[1].Request.DecisionTimeNs.Should().Be(1_723_161_253_123_456_789);
    }

    [Fact]
    public void A_restored_paper_exchange_resumes_with_the_saved_balances_positions_and_orders()
    {
        PaperExchangeState saved = MidRun();
        using var store = new PaperStateStore(DatabasePath);
        store.Reset(Initial);
        store.Save(saved, nextOrderId: 6, [], Instruments);

        var exchange = new PaperExchange(Instruments, new PaperTradingOptions { InitialBalance = Initial });
        exchange.Restore(store.Load()!.State);

        exchange.Export().Should().BeEquivalentTo(store.Load()!.State);
        exchange.Wallet.Locked(exchange.Wallet.IndexOf("USDC")).Should().Be(99.5199m);
        exchange.Positions[0].Cost.Should().Be(201.66666666666666666666666667m);
        exchange.NextFillId.Should().Be(3);
    }

    [Fact]
    public void Each_save_appends_its_fills_and_skips_reports_that_are_not_fills()
    {
        using var store = new PaperStateStore(DatabasePath);
        store.Reset(Initial);
        ExecutionReport canceled = Fill(0, 9, Side.Buy, "0", "0", 0m) with { Status = OrderStatus.Canceled };

        store.Save(MidRun(), 6, [Fill(1, 3, Side.Buy, "100", "0.5", 0.05m), canceled], Instruments);
        store.Save(MidRun(), 7, [Fill(2, 6, Side.Sell, "101", "0.5", 0.0505m)], Instruments);

        store.FillCount().Should().Be(2);
        store.Load()!.NextOrderId.Should().Be(7);
    }

    [Fact]
    public void Reset_wipes_the_account_back_to_its_initial_balances()
    {
        using var store = new PaperStateStore(DatabasePath);
        store.Reset(Initial);
        store.Save(MidRun(), 6, [Fill(1, 3, Side.Buy, "100", "0.5", 0.05m)], Instruments);

        var fresh = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["USDC"] = 2_500.5m };
        store.Reset(fresh);
        PersistedPaperAccount loaded = store.Load()!;

        loaded.InitialBalances.Should().Equal(fresh);
        loaded.State.Balances.Should().Equal(new Dictionary<string, (decimal, decimal)> { ["USDC"] = (2_500.5m, 0m) });
        loaded.State.Positions.Should().BeEmpty();
        loaded.State.OpenOrders.Should().BeEmpty();
        loaded.State.NextFillId.Should().Be(1);
        loaded.NextOrderId.Should().Be(1);
        store.FillCount().Should().Be(0);
    }

    [Fact]
    public void A_database_from_a_newer_schema_is_refused_untouched()
    {
        using (var store = new PaperStateStore(DatabasePath))
        {
            store.Reset(Initial);
        }

        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand cmd = connection.CreateCommand();
            cmd.CommandText = $"INSERT INTO schema_version (version) VALUES ({PaperStateStore.SchemaVersion + 1})";
            cmd.ExecuteNonQuery();
        }

        Action open = () => new PaperStateStore(DatabasePath).Dispose();

        open.Should().Throw<InvalidOperationException>()
            .WithMessage($"{DatabasePath}: state database schema version {PaperStateStore.SchemaVersion + 1} is newer than this build understands ({PaperStateStore.SchemaVersion}); refusing to touch it");
    }
}
