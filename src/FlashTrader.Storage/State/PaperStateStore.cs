using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Risk;
using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.State;

/// <summary>What was persisted for the paper account: its state, the initial balances it began from, the next order id.</summary>
public sealed record PersistedPaperAccount(PaperExchangeState State, IReadOnlyDictionary<string, decimal> InitialBalances, long NextOrderId)
{
    /// <summary>The recording the last commit was made on (file name and length), or null.</summary>
    public string? ReplaySource { get; init; }

    /// <summary>Sequence of the last market event whose effects are committed (0: none).</summary>
    public long ReplayPosition { get; init; }
}

/// <summary>
/// The paper account and its journal in SQLite (WAL). Each commit is one transaction holding the decisions, order
/// transitions and fills of the messages appended since the last one, together with the account state after them and
/// the replay position, so a crash at any instant leaves either all of them or none. A schema_version table guards upgrades: an older database is
/// migrated step by step, a newer one is refused, and neither is ever recreated.
/// </summary>
public sealed class PaperStateStore : IDisposable
{
    public const int SchemaVersion = StateSchema.Current;

    private readonly SqliteConnection _connection;
    private readonly JournalStatement _insertFill;
    private readonly JournalStatement _insertOrder;
    private readonly JournalStatement _insertDecision;
    private readonly JournalStatement _upsertBalance;
    private readonly JournalStatement _upsertPosition;
    private readonly JournalStatement _setMeta;
    private readonly JournalStatement _begin;
    private readonly JournalStatement _commit;
    private readonly JournalStatement _rollback;
    private readonly JournalStatement _insertOpenOrder;
    private readonly JournalStatement _clearOpenOrders;
    private readonly StoredOrder _openOrderJson = new();
    private readonly StoredRiskState _riskState;
    private readonly CommittedAccount _committed = new();

    // A transaction begun on the native handle by Append or Commit and not yet committed (BEGIN and COMMIT are prepared
    // statements too: SqliteConnection.BeginTransaction makes a transaction object and a command each time).
    private bool _open;

    public PaperStateStore(string path)
    {
        Path = path;
        string? dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        // WAL with synchronous=NORMAL: a commit is in the log before Commit returns, so it survives the process being
        // killed at any instant; only a power cut may lose the last commits (never half of one).
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Migrate();
        _insertFill = new JournalStatement(_connection, """
            INSERT INTO fills (fill_id, time_ns, symbol, side, price, quantity, quote_quantity, fee, fee_asset, order_id, liquidity, purpose)
            VALUES ($id, $t, $s, $side, $p, $q, $qq, $fee, $fa, $o, $l, $purpose)
            """);
        _insertOrder = new JournalStatement(_connection, """
            INSERT INTO orders (order_id, time_ns, symbol, side, status, purpose, reject_reason, mexc_code, fill_id, cumulative_quantity, order_quantity, event_sequence)
            VALUES ($o, $t, $s, $side, $st, $purpose, $r, $code, $f, $cq, $oq, $seq)
            """);
        _insertDecision = new JournalStatement(_connection, """
            INSERT INTO decisions (order_id, time_ns, symbol, side, type, time_in_force, price, quantity, purpose, strategy, strength, verdict, mexc_code, event_sequence)
            VALUES ($o, $t, $s, $side, $type, $tif, $p, $q, $purpose, $strategy, $strength, $verdict, $code, $seq)
            """);
        _upsertBalance = new JournalStatement(_connection, "INSERT INTO balances (asset, free, locked) VALUES ($a, $f, $l) ON CONFLICT(asset) DO UPDATE SET free = excluded.free, locked = excluded.locked");
        _upsertPosition = new JournalStatement(_connection, "INSERT INTO positions (symbol, quantity, cost) VALUES ($s, $q, $c) ON CONFLICT(symbol) DO UPDATE SET quantity = excluded.quantity, cost = excluded.cost");
        _setMeta = new JournalStatement(_connection, "INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        _begin = new JournalStatement(_connection, "BEGIN");
        _commit = new JournalStatement(_connection, "COMMIT");
        _rollback = new JournalStatement(_connection, "ROLLBACK");
        _insertOpenOrder = new JournalStatement(_connection, "INSERT INTO open_orders (order_id, body) VALUES ($id, $b)");
        _clearOpenOrders = new JournalStatement(_connection, "DELETE FROM open_orders");
        _riskState = new StoredRiskState(_connection);
    }

    public string Path { get; }

    /// <summary>The schema version the database had when opened (0: new), before any migration.</summary>
    public int OpenedAtVersion { get; private set; }

    private void Migrate()
    {
        Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        long version = Scalar("SELECT MAX(version) FROM schema_version") as long? ?? 0;
        OpenedAtVersion = (int)version;
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"{Path}: state database schema version {version} is newer than this build understands ({SchemaVersion}); refusing to touch it");
        }

        for (int v = (int)version; v < SchemaVersion; v++)
        {
            using SqliteTransaction tx = _connection.BeginTransaction();
            Execute(StateSchema.StepFrom(v), tx);
            Execute($"INSERT INTO schema_version (version) VALUES ({v + 1})", tx);
            tx.Commit();
        }
    }

    /// <summary>The persisted account, or null when none was saved yet.</summary>
    public PersistedPaperAccount? Load()
    {
        string? initial = Meta("initial_balances");
        if (initial is null)
        {
            return null;
        }

        var balances = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal);
        using (SqliteCommand cmd = Command("SELECT asset, free, locked FROM balances"))
        using (SqliteDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                balances[r.GetString(0)] = (Dec(r.GetString(1)), Dec(r.GetString(2)));
            }
        }

        var positions = new Dictionary<string, (Fixed8, decimal)>(StringComparer.Ordinal);
        using (SqliteCommand cmd = Command("SELECT symbol, quantity, cost FROM positions"))
        using (SqliteDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                positions[r.GetString(0)] = (Fixed8.Parse(r.GetString(1)), Dec(r.GetString(2)));
            }
        }

        var orders = new List<RestingOrderState>();
        using (SqliteCommand cmd = Command("SELECT body FROM open_orders ORDER BY order_id"))
        using (SqliteDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                orders.Add(StoredOrder.FromJson(r.GetString(0)));
            }
        }

        var state = new PaperExchangeState
        {
            Balances = balances,
            Positions = positions,
            OpenOrders = orders,
            NextFillId = long.Parse(Meta("next_fill_id") ?? "1", CultureInfo.InvariantCulture),
        };
        long nextOrder = long.Parse(Meta("next_order_id") ?? "1", CultureInfo.InvariantCulture);
        var initialBalances = JsonSerializer.Deserialize<Dictionary<string, decimal>>(initial) ?? [];
        return new PersistedPaperAccount(state, initialBalances, nextOrder)
        {
            ReplaySource = Meta("replay_source"),
            ReplayPosition = long.Parse(Meta("replay_position") ?? "0", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The risk manager's journaled state (breakers, halt, day, peak, streak, windows), or null when none was journaled.</summary>
    public RiskState? LoadRiskState() => StoredRiskState.Read(_connection, Path);

    /// <summary>Wipes the account and its journal and records the initial balances (--reset, or the first run).</summary>
    public void Reset(IReadOnlyDictionary<string, decimal> initialBalances)
    {
        Abandon();
        using SqliteTransaction tx = _connection.BeginTransaction();
        Execute("DELETE FROM meta; DELETE FROM balances; DELETE FROM positions; DELETE FROM open_orders; DELETE FROM fills; DELETE FROM orders; DELETE FROM decisions; DELETE FROM risk_breakers; DELETE FROM risk_state;", tx);
        SetMeta("initial_balances", JsonSerializer.Serialize(initialBalances.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value)));
        foreach ((string asset, decimal amount) in initialBalances)
        {
            _upsertBalance.Bind(1, asset).Bind(2, amount).Bind(3, 0m).Run();
        }

        tx.Commit();
    }

    /// <summary>Appends fills and replaces the account state in one transaction (no journal rows, replay position kept).</summary>
    public void Save(PaperExchangeState state, long nextOrderId, IEnumerable<ExecutionReport> fills, InstrumentSet instruments)
    {
        try
        {
            Begin();
            foreach (ExecutionReport f in fills)
            {
                if (f.IsFill)
                {
                    InsertFill(f, instruments);
                }
            }

            WriteState(state, nextOrderId);
            CommitOpen();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>After a reset or a failed transaction the rows written are no longer known: the next commit writes them all.</summary>
    private void Forget()
    {
        _committed.Forget();
        _riskState.Forget();
    }

    /// <summary>
    /// Journals one message's decisions and reports (fills also into fills) at replay position
    /// <paramref name="eventSequence"/>, inside the transaction the next <see cref="Commit"/> completes: nothing of it
    /// is visible, after a crash or to another reader, until then. Lets the exchange stage commit once for a run of
    /// messages instead of once per message.
    /// </summary>
    public void Append(IReadOnlyList<JournaledDecision> decisions, IReadOnlyList<ExecutionReport> reports, InstrumentSet instruments, long eventSequence)
    {
        if (decisions.Count == 0 && reports.Count == 0)
        {
            return;
        }

        try
        {
            Begin();
            WriteJournal(decisions, reports, instruments, eventSequence);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>
    /// Commits, in one transaction, whatever was <see cref="Append"/>ed since the last commit, then this call's decisions
    /// and reports (at <paramref name="position"/>), the account state after them, the next ids and the replay position.
    /// Nothing of it is visible, after a crash or to another reader, unless all of it is. <paramref name="risk"/>, when
    /// given, replaces the journaled risk state.
    /// </summary>
    public void Commit(PaperExchangeState state, long nextOrderId, ReplayMark position, IReadOnlyList<JournaledDecision> decisions,
        IReadOnlyList<ExecutionReport> reports, InstrumentSet instruments, RiskState? risk = null)
    {
        try
        {
            Begin();
            WriteJournal(decisions, reports, instruments, position.Sequence);
            WriteState(state, nextOrderId);
            WriteReplayMark(position, risk);
            CommitOpen();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>
    /// Commits whatever was <see cref="Append"/>ed since the last commit with the live account of
    /// <paramref name="exchange"/> (the rows <see cref="PaperExchange.Export"/> would give, read in place: a commit
    /// allocates nothing for the account), the next ids and the replay position, in one transaction.
    /// <paramref name="risk"/>, when given, replaces the journaled risk state.
    /// </summary>
    public void Commit(PaperExchange exchange, long nextOrderId, ReplayMark position, RiskState? risk = null)
    {
        try
        {
            Begin();
            WriteState(exchange, nextOrderId);
            WriteReplayMark(position, risk);
            CommitOpen();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>The replay source and position the commit stands for, and the risk state when one was published.</summary>
    private void WriteReplayMark(ReplayMark position, RiskState? risk)
    {
        if (position.Source is not null && _committed.MetaChanges("replay_source", position.Source))
        {
            SetMeta("replay_source", position.Source);
        }

        SetMeta("replay_position", position.Sequence);
        if (risk is not null)
        {
            _riskState.Write(risk);
        }
    }

    private void Begin()
    {
        if (!_open)
        {
            _begin.Run();
            _open = true;
        }
    }

    private void CommitOpen()
    {
        _commit.Run();
        _open = false;
    }

    /// <summary>Rolls back the open transaction (if any) after a failure and forgets what the database holds.</summary>
    private void Abandon()
    {
        if (_open)
        {
            _open = false;
            try
            {
                _rollback.Run();
            }
            catch (SqliteException)
            {
                // SQLite may already have rolled the transaction back itself (after some errors it does): nothing is left open.
            }
        }

        Forget();
    }

    private void WriteJournal(IReadOnlyList<JournaledDecision> decisions, IReadOnlyList<ExecutionReport> reports, InstrumentSet instruments, long eventSequence)
    {
        for (int i = 0; i < decisions.Count; i++)
        {
            JournaledDecision d = decisions[i];
            OrderRequest o = d.Order;
            _insertDecision.Bind(1, o.OrderId).Bind(2, o.DecisionTimeNs).Bind(3, instruments[o.SymbolId].Symbol).Bind(4, o.Side.ToWire())
                .Bind(5, EnumText<OrderType>.Upper(o.Type)).Bind(6, EnumText<TimeInForce>.Upper(o.TimeInForce)).Bind(7, o.Price).Bind(8, o.Quantity)
                .Bind(9, EnumText<OrderPurpose>.Name(o.Purpose)).Bind(10, o.SignalSource).Bind(11, o.Strength);
            BindVerdict(_insertDecision, 12, d.Verdict);
            _insertDecision.Bind(13, d.Verdict.ToMexcCode()).Bind(14, eventSequence).Run();
        }

        for (int i = 0; i < reports.Count; i++)
        {
            ExecutionReport r = reports[i];
            _insertOrder.Bind(1, r.OrderId).Bind(2, r.TimeNs).Bind(3, instruments[r.SymbolId].Symbol).Bind(4, r.Side.ToWire()).Bind(5, r.Status.ToWire())
                .Bind(6, EnumText<OrderPurpose>.Name(r.Purpose)).Bind(7, r.RejectReason == RejectReason.None ? "" : r.RejectReason.ToKey())
                .Bind(8, r.RejectReason.ToMexcCode()).Bind(9, r.FillId).Bind(10, r.CumulativeQuantity).Bind(11, r.OrderQuantity).Bind(12, eventSequence).Run();
            if (r.IsFill)
            {
                InsertFill(r, instruments);
            }
        }
    }

    /// <summary>"approved", or "rejected: " and the reason's key, written into a stack buffer (no string per rejection).</summary>
    private static void BindVerdict(JournalStatement statement, int index, RejectReason verdict)
    {
        if (verdict == RejectReason.None)
        {
            statement.Bind(index, "approved");
            return;
        }

        Span<byte> text = stackalloc byte[128];
        ReadOnlySpan<byte> prefix = "rejected: "u8;
        prefix.CopyTo(text);
        int written = prefix.Length + System.Text.Encoding.UTF8.GetBytes(verdict.ToKey(), text[prefix.Length..]);
        statement.BindUtf8(index, text[..written]);
    }

    private void InsertFill(in ExecutionReport f, InstrumentSet instruments)
    {
        Instrument i = instruments[f.SymbolId];
        _insertFill.Bind(1, f.FillId).Bind(2, f.TimeNs).Bind(3, i.Symbol).Bind(4, f.Side.ToWire()).Bind(5, f.LastPrice).Bind(6, f.LastQuantity)
            .Bind(7, f.QuoteQuantity).Bind(8, f.Fee).Bind(9, i.QuoteAsset).Bind(10, f.OrderId).Bind(11, f.Liquidity.ToWire())
            .Bind(12, EnumText<OrderPurpose>.Name(f.Purpose)).Run();
    }

    private void WriteState(PaperExchangeState state, long nextOrderId)
    {
        // Only the rows that changed since the last commit: the database then holds the whole state again.
        foreach ((string asset, (decimal free, decimal locked)) in state.Balances)
        {
            WriteBalance(asset, free, locked);
        }

        foreach ((string symbol, (Fixed8 quantity, decimal cost)) in state.Positions)
        {
            WritePosition(symbol, quantity, cost);
        }

        if (_committed.OpenOrdersChange(state.OpenOrders))
        {
            _clearOpenOrders.Run();
            foreach (RestingOrderState o in state.OpenOrders)
            {
                WriteOpenOrder(o.Request, o.Filled, o.Locked);
            }
        }

        SetMeta("next_fill_id", state.NextFillId);
        SetMeta("next_order_id", nextOrderId);
    }

    /// <summary>The same rows as for <see cref="PaperExchange.Export"/>'s state, in the same order, read by index.</summary>
    private void WriteState(PaperExchange exchange, long nextOrderId)
    {
        Wallet wallet = exchange.Wallet;
        for (int i = 0; i < wallet.Assets.Count; i++)
        {
            WriteBalance(wallet.Assets[i], wallet.Free(i), wallet.Locked(i));
        }

        IReadOnlyList<Instrument> instruments = exchange.Instruments.All;
        for (int i = 0; i < instruments.Count; i++)
        {
            PositionLedger position = exchange.Positions[instruments[i].Id];
            WritePosition(instruments[i].Symbol, position.Quantity, position.Cost);
        }

        IReadOnlyList<RestingOrder> open = exchange.OpenOrders;
        if (_committed.OpenOrdersChange(open))
        {
            _clearOpenOrders.Run();
            for (int i = 0; i < open.Count; i++)
            {
                WriteOpenOrder(open[i].Request, open[i].Filled, open[i].Locked);
            }
        }

        SetMeta("next_fill_id", exchange.NextFillId);
        SetMeta("next_order_id", nextOrderId);
    }

    private void WriteBalance(string asset, decimal free, decimal locked)
    {
        if (_committed.BalanceChanges(asset, free, locked))
        {
            _upsertBalance.Bind(1, asset).Bind(2, free).Bind(3, locked).Run();
        }
    }

    private void WritePosition(string symbol, Fixed8 quantity, decimal cost)
    {
        if (_committed.PositionChanges(symbol, quantity, cost))
        {
            _upsertPosition.Bind(1, symbol).Bind(2, quantity).Bind(3, cost).Run();
        }
    }

    private void WriteOpenOrder(in OrderRequest request, Fixed8 filled, decimal locked) =>
        _insertOpenOrder.Bind(1, request.OrderId).BindUtf8(2, _openOrderJson.Write(request, filled, locked)).Run();

    public long FillCount() => (long)(Scalar("SELECT COUNT(*) FROM fills") ?? 0L);

    /// <summary>The journal's fills in fill order.</summary>
    public IEnumerable<StoredFill> ReadFills()
    {
        using SqliteCommand cmd = Command("SELECT time_ns, symbol, side, price, quantity, quote_quantity, fee, fee_asset, order_id, fill_id, liquidity, purpose FROM fills ORDER BY fill_id");
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return new StoredFill(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetInt64(8), r.GetInt64(9), r.GetString(10), r.GetString(11));
        }
    }

    /// <summary>Rows of a journal table (orders or decisions) in commit order, each column as text, with the column names first.</summary>
    public IEnumerable<string[]> ReadTable(string table)
    {
        if (table is not ("orders" or "decisions"))
        {
            throw new ArgumentException($"not a journal table: {table}", nameof(table));
        }

        using SqliteCommand cmd = Command($"SELECT * FROM {table} ORDER BY seq");
        using SqliteDataReader r = cmd.ExecuteReader();
        yield return [.. Enumerable.Range(0, r.FieldCount).Select(r.GetName)];
        while (r.Read())
        {
            yield return [.. Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? "")];
        }
    }

    private string? Meta(string key)
    {
        using SqliteCommand cmd = Command("SELECT value FROM meta WHERE key = $k");
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    private void SetMeta(string key, string value) => _setMeta.Bind(1, key).Bind(2, value).Run();

    /// <summary>A number in meta's text column, formatted on the stack.</summary>
    private void SetMeta(string key, long value)
    {
        if (_committed.MetaChanges(key, value))
        {
            Span<byte> text = stackalloc byte[24];
            value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
            _setMeta.Bind(1, key).BindUtf8(2, text[..written]).Run();
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using SqliteCommand cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using SqliteCommand cmd = Command(sql);
        object? v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    private static string Str(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (_open)
        {
            Abandon(); // what was appended but never committed is rolled back, as a crash would leave it
        }

        foreach (JournalStatement statement in new[] { _insertFill, _insertOrder, _insertDecision, _upsertBalance, _upsertPosition, _setMeta, _begin, _commit, _rollback })
        {
            statement.Dispose();
        }

        _insertOpenOrder.Dispose();
        _clearOpenOrders.Dispose();
        _openOrderJson.Dispose();

        _riskState.Dispose();
        _connection.Dispose();
    }
}
