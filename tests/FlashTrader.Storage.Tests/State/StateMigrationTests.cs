using FlashTrader.Core.Numerics;
using FlashTrader.Storage.State;
using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.Tests.State;

/// <summary>A v1 database written by the build before the journal (Fixtures/paper-v1.db) is migrated in place, never recreated (v2: see <see cref="RiskStateMigrationTests"/>).</summary>
public sealed class StateMigrationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string CopyOfV1()
    {
        string path = _temp.File("paper.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "State", "Fixtures", "paper-v1.db"), path);
        return path;
    }

    public void Dispose() => _temp.Dispose();

    private static List<long> Column(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using SqliteDataReader r = cmd.ExecuteReader();
        var values = new List<long>();
        while (r.Read())
        {
            values.Add(r.GetInt64(0));
        }

        return values;
    }

    [Fact]
    public void A_v1_database_is_migrated_to_the_current_schema_keeping_its_account_and_fills()
    {
        string path = CopyOfV1();

        using var store = new PaperStateStore(path);
        PersistedPaperAccount account = store.Load()!;

        store.OpenedAtVersion.Should().Be(1);
        account.State.Balances["USDC"].Should().Be((8396.18142355m, 0m));
        account.State.Balances["BTC"].Should().Be((0.025984m, 0m));
        account.State.Positions["BTCUSDC"].Should().Be((Fixed8.Parse("0.025984"), 1606.48730368m));
        account.NextOrderId.Should().Be(36);
        account.State.NextFillId.Should().Be(36);
        account.ReplayPosition.Should().Be(0, "a v1 database has no journaled replay position");
        store.FillCount().Should().Be(35);
        store.ReadTable("orders").Should().ContainSingle("only the header: v1 kept no order journal");
        Column(path, "SELECT version FROM schema_version ORDER BY version").Should().Equal(1, 2, 3);
    }

    [Fact]
    public void A_migrated_database_is_not_migrated_again()
    {
        string path = CopyOfV1();
        new PaperStateStore(path).Dispose();

        using var reopened = new PaperStateStore(path);

        reopened.OpenedAtVersion.Should().Be(3);
        Column(path, "SELECT version FROM schema_version ORDER BY version").Should().Equal(1, 2, 3);
        reopened.FillCount().Should().Be(35);
    }

    [Fact]
    public void The_migrated_fills_export_in_the_columns_of_fills_csv()
    {
        using var store = new PaperStateStore(CopyOfV1());
        using var csv = new StringWriter();

        JournalCsv.WriteFills(store, csv).Should().Be(35);

        string[] lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("time,symbol,side,price,quantity,quoteQuantity,fee,feeAsset,orderId,fillId,liquidity");
        lines[1].Should().Be("2024-08-08T23:54:19.01Z,ETHUSDC,BUY,2683.2,0.5659,1518.42288,0.00000,USDC,1,1,taker");
        lines[^1].Should().Be("2024-08-08T23:55:28.141Z,BTCUSDC,BUY,61826.02,0.025984,1606.48730368,0,USDC,35,35,taker");
    }
}
