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
/// The hosted exchange stage commits the live paper exchange as it stands (no exported copy of the account per commit):
/// the rows are exactly those of its exported state, open orders keep the JSON the store has always written, and a
/// warmed-up commit with a decision, its transition, its fill and a changed risk state allocates nothing.
/// </summary>
public sealed class LiveAccountCommitTests : IDisposable
{
    private static readonly InstrumentSet Instruments = new([
        new TradingPairOptions { Symbol = "BTCUSDC", BaseAsset = "BTC", QuoteAsset = "USDC", MinOrderSize = 0.001m, MaxPosition = 1m },
        new TradingPairOptions { Symbol = "ETHUSDC", BaseAsset = "ETH", QuoteAsset = "USDC", MinOrderSize = 0.01m, MaxPosition = 1m },
    ]);

    private static readonly Dictionary<string, decimal> Initial = new(StringComparer.Ordinal) { ["USDC"] = 1_000m, ["BTC"] = 0m, ["ETH"] = 0m };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static OrderRequest Resting(long id, Side side, string price, string quantity) =>
        new(id, 0, side, OrderType.Limit, TimeInForce.Gtc, Fixed8.Parse(price), Fixed8.Parse(quantity), OrderPurpose.Entry, -1, 0.8,
            1_723_161_253_123_456_789, 7, 123_456);

    /// <summary>A paper exchange mid-run: a BTC position whose cost is a repeating decimal, a resting buy and a part-filled resting sell.</summary>
    private static PaperExchange MidRun()
    {
        var exchange = new PaperExchange(Instruments, new PaperTradingOptions { InitialBalance = Initial });
        exchange.Restore(new PaperExchangeState
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
                new RestingOrderState(Resting(4, Side.Buy, "99.5", "1"), Fixed8.Zero, 99.5199m),
                new RestingOrderState(Resting(5, Side.Sell, "105.25", "0.5"), Fixed8.Parse("0.25"), 0.25m),
            ],
            NextFillId = 3,
        });
        return exchange;
    }

    private static string[] Rows(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using SqliteDataReader r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => $"{r.GetValue(i)}:{r.GetFieldType(i).Name}")));
        }

        return [.. rows];
    }

    private static string[] Account(string path) =>
    [
        .. Rows(path, "SELECT * FROM balances ORDER BY asset"),
        .. Rows(path, "SELECT * FROM positions ORDER BY symbol"),
        .. Rows(path, "SELECT * FROM open_orders ORDER BY order_id"),
        .. Rows(path, "SELECT * FROM meta ORDER BY key"),
    ];

    [Fact]
    public void Committing_the_live_exchange_writes_exactly_the_rows_of_its_exported_state()
    {
        PaperExchange exchange = MidRun();
        string live = _temp.File("live.db");
        string exported = _temp.File("exported.db");
        using (var store = new PaperStateStore(live))
        {
            store.Reset(Initial);
            store.Commit(exchange, 6, new ReplayMark("sample.ftrec:123", 41));
        }

        using (var store = new PaperStateStore(exported))
        {
            store.Reset(Initial);
            store.Commit(exchange.Export(), 6, new ReplayMark("sample.ftrec:123", 41), [], [], Instruments);
        }

        Account(live).Should().Equal(Account(exported)).And.HaveCount(3 + 2 + 2 + 5);
        using var reopened = new PaperStateStore(live);
        reopened.Load()!.State.Should().BeEquivalentTo(exchange.Export() with
        {
            OpenOrders = [.. exchange.Export().OpenOrders.Select(o => o with { Request = o.Request with { Strength = 0, TickSequence = 0, ReceivedTimestamp = 0 } })],
        });
    }

    [Fact]
    public void An_open_order_is_stored_as_the_same_json_object_of_exact_strings_as_before()
    {
        string path = _temp.File("paper.db");
        using (var store = new PaperStateStore(path))
        {
            store.Reset(Initial);
            store.Commit(MidRun(), 6, new ReplayMark(null, 41));
        }

        // The text JsonSerializer wrote for the string map this row used to be built from: the same keys, order and escaping.
        Rows(path, "SELECT order_id, body FROM open_orders ORDER BY order_id").Should().Equal(
            """4:Int64|{"orderId":"4","symbolId":"0","side":"Buy","type":"Limit","timeInForce":"Gtc","price":"99.5","quantity":"1","purpose":"Entry","decisionTimeNs":"1723161253123456789","filled":"0","locked":"99.5199"}:String""",
            """5:Int64|{"orderId":"5","symbolId":"0","side":"Sell","type":"Limit","timeInForce":"Gtc","price":"105.25","quantity":"0.5","purpose":"Entry","decisionTimeNs":"1723161253123456789","filled":"0.25","locked":"0.25"}:String""");
    }

    [Fact]
    public void A_risk_state_written_from_prepared_statements_reads_back_as_it_was_with_the_same_text()
    {
        string path = _temp.File("paper.db");
        var risk = new RiskState
        {
            Breakers = [new BreakerState(CircuitBreaker.MaxDrawdown, "max drawdown 0.001% reached", 1_723_161_260_000_000_000, long.MaxValue, 1)],
            Halt = "paused by dashboard",
            Day = 19_943,
            DayStartEquity = 10_000.12345678m,
            OrdersToday = 12,
            PeakEquity = 10_018.98658223m,
            MaxDrawdown = 1.5m,
            MaxDrawdownPercent = 0.1 + 0.2,
            ConsecutiveLosses = 3,
            OrderTimes = [1_723_161_253_000_000_000, 1_723_161_254_000_000_001, -5],
            RejectionTimes = [],
            NowNs = 1_723_161_260_000_000_000,
            TripCounter = 1,
        };
        using (var store = new PaperStateStore(path))
        {
            store.Reset(Initial);
            store.Commit(MidRun(), 6, new ReplayMark(null, 41), risk);
            store.LoadRiskState().Should().BeEquivalentTo(risk);
        }

        Rows(path, "SELECT key, value FROM risk_state ORDER BY key").Should().Equal(
            "consecutive_losses:String|3:String",
            "day:String|19943:String",
            "day_start_equity:String|10000.12345678:String",
            "halt:String|paused by dashboard:String",
            "max_drawdown:String|1.5:String",
            "max_drawdown_percent:String|0.30000000000000004:String",
            "now_ns:String|1723161260000000000:String",
            "order_times:String|1723161253000000000,1723161254000000001,-5:String",
            "orders_today:String|12:String",
            "peak_equity:String|10018.98658223:String",
            "rejection_times:String|:String",
            "trip_counter:String|1:String");
        Rows(path, "SELECT breaker, reason, tripped_at_ns, hold_until_ns, trip_order, reset_rule FROM risk_breakers").Should().Equal(
            "MaxDrawdown:String|max drawdown 0.001% reached:String|1723161260000000000:Int64|9223372036854775807:Int64|1:Int64|by hand:String");
    }

    [Fact]
    public void Once_warmed_up_a_commit_of_the_live_account_with_a_decision_its_fill_and_a_changed_risk_state_allocates_nothing()
    {
        using var store = new PaperStateStore(_temp.File("paper.db"));
        store.Reset(Initial);
        PaperExchange exchange = MidRun();
        var decisions = new List<JournaledDecision>(1);
        var reports = new List<ExecutionReport>(1);
        // Two risk states, made up front, taking turns: each commit rewrites the values that differ (equity, order
        // count, the order window), as the risk manager's state does when an order goes through.
        RiskState[] risk =
        [
            new RiskState { Day = 19_943, DayStartEquity = 1_000m, OrdersToday = 1, PeakEquity = 1_000.5m, OrderTimes = [1, 2], NowNs = 5 },
            new RiskState { Day = 19_943, DayStartEquity = 1_000m, OrdersToday = 2, PeakEquity = 1_001.25m, OrderTimes = [1, 2, 3], NowNs = 6 },
        ];
        const int Warm = 50;
        const int Measured = 200;
        long before = 0;
        for (int i = 1; i <= Warm + Measured; i++)
        {
            if (i == Warm + 1)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }

            decisions.Clear();
            reports.Clear();
            decisions.Add(new JournaledDecision(Resting(i, Side.Buy, "100", "0.5") with { TimeInForce = TimeInForce.Ioc }, RejectReason.None));
            reports.Add(new ExecutionReport(i, 0, Side.Buy, OrderStatus.Filled, OrderPurpose.Entry, RejectReason.None, i, Fixed8.Parse("100"), Fixed8.Parse("0.5"), 0.05m,
                Liquidity.Taker, Fixed8.Parse("0.5"), Fixed8.Parse("0.5"), 1_723_161_253_000_000_000, i));
            store.Append(decisions, reports, Instruments, eventSequence: i);
            store.Commit(exchange, i + 1, new ReplayMark("sample.ftrec:123", i), risk[i % 2]);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        store.FillCount().Should().Be(Warm + Measured);
        store.LoadRiskState()!.OrdersToday.Should().Be(1, "the last commit's risk state is the one journaled");
        // Exporting the account (two dictionaries, a list, a record), the dictionaries' boxed enumerators and
        // Microsoft.Data.Sqlite commands for the risk rows (binders, boxed values, strings) were about 3 KB per commit.
        // What is left is the empty reject reason converted to UTF-8 by SQLitePCLRaw on each order row (32 B).
        (allocated / (double)Measured).Should().BeLessThanOrEqualTo(32);
    }
}
