using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Storage.State;
using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.Tests.State;

/// <summary>One event's decisions, order transitions, fills, account state and replay position commit together or not at all.</summary>
public sealed class JournalCommitTests : IDisposable
{
    private static readonly InstrumentSet Instruments = new([
        new TradingPairOptions { Symbol = "BTCUSDC", BaseAsset = "BTC", QuoteAsset = "USDC", MinOrderSize = 0.001m, MaxPosition = 1m },
    ]);

    private static readonly Dictionary<string, decimal> Initial = new(StringComparer.Ordinal) { ["USDC"] = 1_000m, ["BTC"] = 0m };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static OrderRequest Buy(long id) =>
        new(id, 0, Side.Buy, OrderType.Limit, TimeInForce.Ioc, Fixed8.Parse("100"), Fixed8.Parse("0.5"), OrderPurpose.Entry, 2, 0.75, 1_723_161_253_000_000_000, 41, 0);

    private static ExecutionReport Filled(long orderId, long fillId) =>
        new(orderId, 0, Side.Buy, OrderStatus.Filled, OrderPurpose.Entry, RejectReason.None, fillId, Fixed8.Parse("100"), Fixed8.Parse("0.5"), 0.05m,
            Liquidity.Taker, Fixed8.Parse("0.5"), Fixed8.Parse("0.5"), 1_723_161_253_000_000_000, 41);

    private static ExecutionReport Refused(long orderId) =>
        new(orderId, 0, Side.Buy, OrderStatus.Rejected, OrderPurpose.Entry, RejectReason.TradingHalted, 0, default, default, 0m,
            Liquidity.None, default, Fixed8.Parse("0.5"), 1_723_161_253_000_000_000, 42);

    private static PaperExchangeState After(decimal usdc, string btc) => new()
    {
        Balances = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal) { ["USDC"] = (usdc, 0m), ["BTC"] = (decimal.Parse(btc, System.Globalization.CultureInfo.InvariantCulture), 0m) },
        Positions = new Dictionary<string, (Fixed8, decimal)>(StringComparer.Ordinal) { ["BTCUSDC"] = (Fixed8.Parse(btc), 50m) },
        OpenOrders = [],
        NextFillId = 2,
    };

    private PaperStateStore Open()
    {
        var store = new PaperStateStore(_temp.File("paper.db"));
        return store;
    }

    [Fact]
    public void A_commit_journals_the_decision_every_transition_and_the_fill_with_the_state_and_replay_position()
    {
        using (PaperStateStore store = Open())
        {
            store.Reset(Initial);
            store.Commit(After(949.95m, "0.5"), 2, new ReplayMark("sample.ftrec:123", 41), [new JournaledDecision(Buy(1), RejectReason.None)], [Filled(1, 1)], Instruments);
        }

        using PaperStateStore reopened = Open();
        PersistedPaperAccount account = reopened.Load()!;
        account.ReplaySource.Should().Be("sample.ftrec:123");
        account.ReplayPosition.Should().Be(41);
        account.NextOrderId.Should().Be(2);
        account.State.Balances["USDC"].Should().Be((949.95m, 0m));
        reopened.FillCount().Should().Be(1);
        reopened.ReadTable("decisions").Skip(1).Should().ContainSingle().Which.Should().Equal(
            "1", "1", "1723161253000000000", "BTCUSDC", "BUY", "LIMIT", "IOC", "100", "0.5", "Entry", "2", "0.75", "approved", "0", "41");
        reopened.ReadTable("orders").Skip(1).Should().ContainSingle().Which.Should().Equal(
            "1", "1", "1723161253000000000", "BTCUSDC", "BUY", "FILLED", "Entry", "", "0", "1", "0.5", "0.5", "41");
    }

    [Fact]
    public void A_rejected_decision_is_journaled_with_its_reason_and_MEXC_code()
    {
        using PaperStateStore store = Open();
        store.Reset(Initial);

        store.Commit(After(1_000m, "0"), 3, new ReplayMark(null, 42), [new JournaledDecision(Buy(2), RejectReason.TradingHalted)], [Refused(2)], Instruments);

        string[] decision = store.ReadTable("decisions").Skip(1).Single();
        decision[12].Should().Be("rejected: tradingHalted");
        decision[13].Should().Be("30016");
        store.ReadTable("orders").Skip(1).Single()[5..8].Should().Equal("REJECTED", "Entry", "tradingHalted");
    }

    [Fact]
    public void A_commit_that_fails_part_way_leaves_nothing_of_itself_behind()
    {
        using PaperStateStore store = Open();
        store.Reset(Initial);
        store.Commit(After(949.95m, "0.5"), 2, new ReplayMark("sample.ftrec:123", 41), [new JournaledDecision(Buy(1), RejectReason.None)], [Filled(1, 1)], Instruments);

        // Fill id 1 again: the fills table refuses it after the decision and the transition were written.
        Action replayed = () => store.Commit(After(899.9m, "1"), 3, new ReplayMark("sample.ftrec:123", 50), [new JournaledDecision(Buy(2), RejectReason.None)], [Filled(2, 1)], Instruments);

        replayed.Should().Throw<SqliteException>().Where(e => e.SqliteErrorCode == 19, "a fill id is applied once, never twice");
        PersistedPaperAccount account = store.Load()!;
        account.ReplayPosition.Should().Be(41);
        account.State.Balances["USDC"].Should().Be((949.95m, 0m));
        account.NextOrderId.Should().Be(2);
        store.ReadTable("decisions").Should().HaveCount(2, "the header and the first decision");
        store.ReadTable("orders").Should().HaveCount(2);
        store.FillCount().Should().Be(1);
    }

    [Fact]
    public void Reset_clears_the_journal()
    {
        using PaperStateStore store = Open();
        store.Reset(Initial);
        store.Commit(After(949.95m, "0.5"), 2, new ReplayMark("sample.ftrec:123", 41), [new JournaledDecision(Buy(1), RejectReason.None)], [Filled(1, 1)], Instruments);

        store.Reset(Initial);

        store.ReadTable("decisions").Should().ContainSingle();
        store.ReadTable("orders").Should().ContainSingle();
        store.Load()!.ReplayPosition.Should().Be(0);
    }

    [Fact]
    public void The_orders_and_decisions_export_as_csv_with_their_columns()
    {
        using PaperStateStore store = Open();
        store.Reset(Initial);
        store.Commit(After(949.95m, "0.5"), 2, new ReplayMark("sample.ftrec:123", 41), [new JournaledDecision(Buy(1), RejectReason.None)], [Filled(1, 1)], Instruments);
        using var orders = new StringWriter();
        using var decisions = new StringWriter();

        JournalCsv.WriteTable(store, "orders", orders).Should().Be(1);
        JournalCsv.WriteTable(store, "decisions", decisions).Should().Be(1);

        orders.ToString().Should().Be(
            "seq,order_id,time_ns,symbol,side,status,purpose,reject_reason,mexc_code,fill_id,cumulative_quantity,order_quantity,event_sequence\n" +
            "1,1,1723161253000000000,BTCUSDC,BUY,FILLED,Entry,,0,1,0.5,0.5,41\n");
        decisions.ToString().Should().Be(
            "seq,order_id,time_ns,symbol,side,type,time_in_force,price,quantity,purpose,strategy,strength,verdict,mexc_code,event_sequence\n" +
            "1,1,1723161253000000000,BTCUSDC,BUY,LIMIT,IOC,100,0.5,Entry,2,0.75,approved,0,41\n");
    }

    [Fact]
    public void Appended_rows_keep_their_own_event_sequence_and_become_visible_with_the_next_commit()
    {
        using PaperStateStore store = Open();
        store.Reset(Initial);

        store.Append([new JournaledDecision(Buy(1), RejectReason.None)], [Filled(1, 1)], Instruments, eventSequence: 41);
        using (var reader = new PaperStateStore(_temp.File("paper.db")))
        {
            reader.FillCount().Should().Be(0, "nothing appended is visible to another reader before the commit");
        }

        store.Commit(After(949.95m, "0.5"), 2, new ReplayMark("sample.ftrec:123", 50), [], [], Instruments);

        store.Load()!.ReplayPosition.Should().Be(50, "the commit stands for every event handled up to it");
        store.ReadTable("decisions").Skip(1).Single()[^1].Should().Be("41", "a row records the event that caused it, not the commit's");
        store.ReadTable("orders").Skip(1).Single()[^1].Should().Be("41");
        store.FillCount().Should().Be(1);
    }

    [Fact]
    public void Rows_appended_but_never_committed_are_gone_after_the_process_ends()
    {
        using (PaperStateStore store = Open())
        {
            store.Reset(Initial);
            store.Commit(After(949.95m, "0.5"), 2, new ReplayMark("sample.ftrec:123", 41), [new JournaledDecision(Buy(1), RejectReason.None)], [Filled(1, 1)], Instruments);
            store.Append([new JournaledDecision(Buy(2), RejectReason.None)], [Filled(2, 2)], Instruments, eventSequence: 45);
        }

        using PaperStateStore reopened = Open();
        reopened.FillCount().Should().Be(1);
        reopened.ReadTable("decisions").Should().HaveCount(2, "the header and the committed decision");
        reopened.Load()!.ReplayPosition.Should().Be(41);
    }

    [Fact]
    public void A_failed_append_abandons_everything_appended_since_the_last_commit()
    {
        using PaperStateStore store = Open();
        store.Reset(Initial);
        store.Commit(After(949.95m, "0.5"), 2, new ReplayMark("sample.ftrec:123", 41), [new JournaledDecision(Buy(1), RejectReason.None)], [Filled(1, 1)], Instruments);
        store.Append([new JournaledDecision(Buy(2), RejectReason.None)], [Filled(2, 2)], Instruments, eventSequence: 45);

        Action duplicate = () => store.Append([new JournaledDecision(Buy(3), RejectReason.None)], [Filled(3, 1)], Instruments, eventSequence: 46);

        duplicate.Should().Throw<SqliteException>().Where(e => e.SqliteErrorCode == 19, "a fill id is applied once, never twice");
        store.FillCount().Should().Be(1, "fill 2 was appended in the same transaction as the failed row");
        store.ReadTable("decisions").Should().HaveCount(2);
        store.Load()!.ReplayPosition.Should().Be(41);
    }

    [Fact]
    public void Once_warmed_up_a_commit_of_a_decision_its_transition_and_its_fill_allocates_almost_nothing()
    {
        using PaperStateStore store = Open();
        store.Reset(Initial);
        var decisions = new List<JournaledDecision>(1) { new(Buy(1), RejectReason.None) };
        var reports = new List<ExecutionReport>(1) { Filled(1, 1) };
        PaperExchangeState state = After(949.95m, "0.5");
        const int Warm = 50;
        const int Measured = 200;
        long before = 0;
        for (int i = 1; i <= Warm + Measured; i++)
        {
            if (i == Warm + 1)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }

            decisions[0] = new JournaledDecision(Buy(i), RejectReason.None);
            reports[0] = Filled(i, i);
            store.Append(decisions, reports, Instruments, eventSequence: i);
            store.Commit(state, i + 1, new ReplayMark("sample.ftrec:123", i), [], [], Instruments);
        }

        double perCommit = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Measured;
        store.FillCount().Should().Be(Warm + Measured);
        // Microsoft.Data.Sqlite commands allocated ~11 KB per such commit (binders, boxed values, strings); 184 B are
        // left (the empty reject reason's UTF-8 copy, the boxed enumerators of the state's dictionaries).
        perCommit.Should().BeLessThan(250);
    }
}
