using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Risk;
using FlashTrader.Storage.State;
using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.Tests.State;

/// <summary>
/// Schema v3 journals the risk manager's state: a v2 database written by the build before it (Fixtures/paper-v2.db) is
/// migrated in place keeping its account and journal, and the risk state commits with the journal and comes back exactly.
/// </summary>
public sealed class RiskStateMigrationTests : IDisposable
{
    private static readonly InstrumentSet Instruments = new([
        new TradingPairOptions { Symbol = "BTCUSDC", BaseAsset = "BTC", QuoteAsset = "USDC", MinOrderSize = 0.001m, MaxPosition = 1m },
    ]);

    private static readonly RiskState Tripped = new()
    {
        Breakers =
        [
            new BreakerState(CircuitBreaker.DailyLoss, "daily loss limit 0.01 reached", 1_723_161_260_000_000_000, long.MaxValue, 1),
            new BreakerState(CircuitBreaker.Rejections, "3 rejections within 60000 ms", 1_723_161_261_000_000_000, 1_723_161_561_000_000_000, 2),
        ],
        Halt = "kill switch by SIGUSR1",
        Day = 19_943,
        DayStartEquity = 10_000m,
        OrdersToday = 7,
        PeakEquity = 10_002.66859731m,
        MaxDrawdown = 0.874341845m,
        MaxDrawdownPercent = 0.008742,
        ConsecutiveLosses = 2,
        OrderTimes = [1_723_161_255_000_000_000, 1_723_161_259_500_000_000],
        RejectionTimes = [],
        NowNs = 1_723_161_262_000_000_000,
        TripCounter = 2,
    };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string CopyOfV2()
    {
        string path = _temp.File("paper.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "State", "Fixtures", "paper-v2.db"), path);
        return path;
    }

    private static List<string> Rows(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using SqliteDataReader r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static PaperExchangeState Flat() => new()
    {
        Balances = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal) { ["USDC"] = (10_000m, 0m), ["BTC"] = (0m, 0m) },
        Positions = new Dictionary<string, (Fixed8, decimal)>(StringComparer.Ordinal) { ["BTCUSDC"] = (Fixed8.Zero, 0m) },
        OpenOrders = [],
        NextFillId = 1,
    };

    [Fact]
    public void A_v2_database_is_migrated_to_v3_keeping_its_account_journal_and_replay_position_with_no_risk_state_yet()
    {
        string path = CopyOfV2();

        using var store = new PaperStateStore(path);
        PersistedPaperAccount account = store.Load()!;

        store.OpenedAtVersion.Should().Be(2);
        Rows(path, "SELECT version FROM schema_version ORDER BY version").Should().Equal("1", "2", "3");
        account.State.Balances["USDC"].Should().Be((8396.18142355m, 0m));
        account.State.Positions["BTCUSDC"].Should().Be((Fixed8.Parse("0.025984"), 1606.48730368m));
        account.NextOrderId.Should().Be(36);
        account.ReplaySource.Should().Be("binance-btc-eth-2024-08-08.ftrec:4757275");
        account.ReplayPosition.Should().Be(16_854);
        store.FillCount().Should().Be(35);
        store.ReadTable("decisions").Should().HaveCount(36, "the header and the 35 journaled decisions");
        store.ReadTable("orders").Should().HaveCount(36);
        store.LoadRiskState().Should().BeNull("v2 journaled no risk state: the run starts from fresh breakers");
    }

    [Fact]
    public void A_migrated_v2_database_takes_the_risk_state_with_its_next_commit_and_is_not_migrated_again()
    {
        string path = CopyOfV2();
        using (var store = new PaperStateStore(path))
        {
            store.Commit(store.Load()!.State, 36, new ReplayMark("binance-btc-eth-2024-08-08.ftrec:4757275", 17_000), [], [], Instruments, Tripped);
        }

        using var reopened = new PaperStateStore(path);

        reopened.OpenedAtVersion.Should().Be(3);
        reopened.LoadRiskState().Should().BeEquivalentTo(Tripped);
        reopened.FillCount().Should().Be(35);
    }

    [Fact]
    public void The_risk_state_is_journaled_readably_breakers_with_their_reset_rule()
    {
        string path = _temp.File("paper.db");
        using (var store = new PaperStateStore(path))
        {
            store.Reset(new Dictionary<string, decimal> { ["USDC"] = 10_000m });
            store.Commit(Flat(), 1, new ReplayMark(null, 5), [], [], Instruments, Tripped);
        }

        Rows(path, "SELECT * FROM risk_breakers ORDER BY trip_order").Should().Equal(
            "DailyLoss|daily loss limit 0.01 reached|1723161260000000000|9223372036854775807|1|next UTC day, or by hand",
            "Rejections|3 rejections within 60000 ms|1723161261000000000|1723161561000000000|2|cooldown until 1723161561000000000 ns, or by hand");
        Rows(path, "SELECT key, value FROM risk_state WHERE key IN ('halt', 'peak_equity', 'order_times', 'rejection_times') ORDER BY key").Should().Equal(
            "halt|kill switch by SIGUSR1", "order_times|1723161255000000000,1723161259500000000", "peak_equity|10002.66859731", "rejection_times|");
    }

    [Fact]
    public void A_commit_without_a_risk_state_keeps_the_journaled_one_and_a_reset_clears_it()
    {
        string path = _temp.File("paper.db");
        using var store = new PaperStateStore(path);
        store.Reset(new Dictionary<string, decimal> { ["USDC"] = 10_000m });
        store.Commit(Flat(), 1, new ReplayMark(null, 5), [], [], Instruments, Tripped);

        store.Commit(Flat(), 1, new ReplayMark(null, 6), [], [], Instruments);
        store.LoadRiskState().Should().BeEquivalentTo(Tripped, "the risk state had not changed");

        store.Reset(new Dictionary<string, decimal> { ["USDC"] = 10_000m });
        store.LoadRiskState().Should().BeNull("--reset starts the risk manager afresh too");
    }

    [Fact]
    public void A_risk_state_value_that_does_not_parse_is_an_error_naming_the_database_key_and_text()
    {
        string path = _temp.File("paper.db");
        using var store = new PaperStateStore(path);
        store.Reset(new Dictionary<string, decimal> { ["USDC"] = 10_000m });
        store.Commit(Flat(), 1, new ReplayMark(null, 5), [], [], Instruments, Tripped);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand cmd = connection.CreateCommand();
            cmd.CommandText = "UPDATE risk_state SET value = '1723161255000000000,12x' WHERE key = 'order_times'";
            cmd.ExecuteNonQuery();
        }

        Action load = () => store.LoadRiskState();

        load.Should().Throw<InvalidDataException>().WithMessage($"{path}: risk_state.order_times: time 2 is not an integer: '12x'");
    }
}
