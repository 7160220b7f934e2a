using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Risk;
using FlashTrader.Storage.State;
using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.Tests.State;

/// <summary>
/// A commit writes only the rows that changed since the last one; whatever the sequence of commits, the database holds
/// exactly the last committed state, and a reset makes the next commit write every row again.
/// </summary>
public sealed class IncrementalCommitTests : IDisposable
{
    private static readonly InstrumentSet Instruments = new([
        new TradingPairOptions { Symbol = "BTCUSDC", BaseAsset = "BTC", QuoteAsset = "USDC", MinOrderSize = 0.001m, MaxPosition = 1m },
    ]);

    private static readonly Dictionary<string, decimal> Initial = new(StringComparer.Ordinal) { ["USDC"] = 1_000m, ["BTC"] = 0m };

    private readonly TempDirectory _temp = new();

    private string DatabasePath => _temp.File("paper.db");

    public void Dispose() => _temp.Dispose();

    private static readonly RestingOrderState Resting = new(
        new OrderRequest(7, 0, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Fixed8.Parse("60000"), Fixed8.Parse("0.01"), OrderPurpose.Entry, 1, 0.8,
            1_723_161_253_000_000_000, 41, 0),
        default, 600m);

    private static PaperExchangeState Account(decimal usdc, decimal usdcLocked, decimal btc, string position, params RestingOrderState[] open) => new()
    {
        Balances = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal) { ["USDC"] = (usdc, usdcLocked), ["BTC"] = (btc, 0m) },
        Positions = new Dictionary<string, (Fixed8, decimal)>(StringComparer.Ordinal) { ["BTCUSDC"] = (Fixed8.Parse(position), 0m) },
        OpenOrders = open,
        NextFillId = 3,
    };

    private static readonly RiskState Halted = new()
    {
        Breakers = [new BreakerState(CircuitBreaker.DailyLoss, "daily loss limit 0.01 reached", 1_723_161_260_000_000_000, long.MaxValue, 1)],
        Halt = "paused by dashboard",
        Day = 19_943,
        DayStartEquity = 1_000m,
        OrdersToday = 1,
        PeakEquity = 1_000m,
        OrderTimes = [1_723_161_253_000_000_000],
        NowNs = 1_723_161_260_000_000_000,
        TripCounter = 1,
    };

    private static void Commit(PaperStateStore store, PaperExchangeState state, long position, RiskState? risk = null) =>
        store.Commit(state, 8, new ReplayMark("sample.ftrec", position), [], [], Instruments, risk);

    private string[] Rows(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using SqliteDataReader r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.GetValue(i).ToString())));
        }

        return [.. rows];
    }

    [Fact]
    public void Rows_a_later_commit_leaves_alone_keep_their_values_and_rows_it_changes_or_removes_follow_it()
    {
        using (var store = new PaperStateStore(DatabasePath))
        {
            store.Reset(Initial);
            Commit(store, Account(400m, 600m, 0m, "0", Resting), 41, Halted);
            // The order fills: USDC and BTC move, the order leaves the book, the halt and the breaker are lifted.
            Commit(store, Account(400m, 0m, 0.01m, "0.01"), 42, Halted with { Breakers = [], Halt = null, OrderTimes = [1_723_161_253_000_000_000, 1_723_161_254_000_000_000] });
            // Only the replay position moves; no risk state is published.
            Commit(store, Account(400m, 0m, 0.01m, "0.01"), 43);
        }

        using var reopened = new PaperStateStore(DatabasePath);
        PersistedPaperAccount account = reopened.Load()!;
        account.State.Balances["USDC"].Should().Be((400m, 0m));
        account.State.Balances["BTC"].Should().Be((0.01m, 0m));
        account.State.Positions["BTCUSDC"].Quantity.Should().Be(Fixed8.Parse("0.01"));
        account.State.OpenOrders.Should().BeEmpty();
        account.ReplayPosition.Should().Be(43);
        RiskState risk = reopened.LoadRiskState()!;
        risk.Halt.Should().BeNull();
        risk.Breakers.Should().BeEmpty();
        risk.OrderTimes.Should().Equal(1_723_161_253_000_000_000, 1_723_161_254_000_000_000);
        risk.Day.Should().Be(19_943);
        risk.TripCounter.Should().Be(1);
    }

    [Fact]
    public void An_equal_balance_written_with_more_decimals_is_rewritten_as_the_new_text()
    {
        using (var store = new PaperStateStore(DatabasePath))
        {
            store.Reset(Initial);
            Commit(store, Account(400.5m, 0m, 0m, "0"), 41);
            Commit(store, Account(400.50m, 0m, 0m, "0"), 42);
        }

        Rows("SELECT free FROM balances WHERE asset = 'USDC'").Should().Equal("400.50");
    }

    [Fact]
    public void After_a_reset_the_next_commit_writes_every_row_again_even_those_equal_to_the_last_commit()
    {
        using (var store = new PaperStateStore(DatabasePath))
        {
            store.Reset(Initial);
            Commit(store, Account(400m, 600m, 0m, "0", Resting), 41, Halted);
            store.Reset(Initial);
            Commit(store, Account(400m, 600m, 0m, "0", Resting), 41, Halted);
        }

        Rows("SELECT asset, free, locked FROM balances ORDER BY asset").Should().Equal("BTC|0|0", "USDC|400|600");
        Rows("SELECT order_id FROM open_orders").Should().Equal("7");
        Rows("SELECT breaker FROM risk_breakers").Should().Equal("DailyLoss");
        Rows("SELECT value FROM risk_state WHERE key = 'halt'").Should().Equal("paused by dashboard");
        Rows("SELECT value FROM meta WHERE key = 'next_fill_id'").Should().Equal("3");
    }
}
