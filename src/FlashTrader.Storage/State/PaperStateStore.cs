using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Risk;
using Microsoft.Data.Sqlite;
using static FlashTrader.Storage.State.PreparedStatements;

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
/// The paper account and its journal in SQLite (WAL). Each commit is one transaction holding an event's decisions,
/// order transitions and fills together with the account state after them and the replay position, so a crash at any
/// instant leaves either all of an event or none of it. A schema_version table guards upgrades: an older database is
/// migrated step by step, a newer one is refused, and neither is ever recreated.
/// </summary>
public sealed class PaperStateStore : IDisposable
{
    public const int SchemaVersion = StateSchema.Current;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertFill;
    private readonly SqliteCommand _insertOrder;
    private readonly SqliteCommand _insertDecision;
    private readonly SqliteCommand _upsertBalance;
    private readonly SqliteCommand _upsertPosition;
    private readonly SqliteCommand _insertOpenOrder;
    private readonly SqliteCommand _clearOpenOrders;
    private readonly SqliteCommand _setMeta;
    private readonly StoredRiskState _riskState;
    private readonly CommittedAccount _committed = new();

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
        _insertFill = Prepare(_connection, """
            INSERT INTO fills (fill_id, time_ns, symbol, side, price, quantity, quote_quantity, fee, fee_asset, order_id, liquidity, purpose)
            VALUES ($id, $t, $s, $side, $p, $q, $qq, $fee, $fa, $o, $l, $purpose)
            """, "$id", "$t", "$s", "$side", "$p", "$q", "$qq", "$fee", "$fa", "$o", "$l", "$purpose");
        _insertOrder = Prepare(_connection, """
            INSERT INTO orders (order_id, time_ns, symbol, side, status, purpose, reject_reason, mexc_code, fill_id, cumulative_quantity, order_quantity, event_sequence)
            VALUES ($o, $t, $s, $side, $st, $purpose, $r, $code, $f, $cq, $oq, $seq)
            """, "$o", "$t", "$s", "$side", "$st", "$purpose", "$r", "$code", "$f", "$cq", "$oq", "$seq");
        _insertDecision = Prepare(_connection, """
            INSERT INTO decisions (order_id, time_ns, symbol, side, type, time_in_force, price, quantity, purpose, strategy, strength, verdict, mexc_code, event_sequence)
            VALUES ($o, $t, $s, $side, $type, $tif, $p, $q, $purpose, $strategy, $strength, $verdict, $code, $seq)
            """, "$o", "$t", "$s", "$side", "$type", "$tif", "$p", "$q", "$purpose", "$strategy", "$strength", "$verdict", "$code", "$seq");
        _upsertBalance = Prepare(_connection, "INSERT INTO balances (asset, free, locked) VALUES ($a, $f, $l) ON CONFLICT(asset) DO UPDATE SET free = excluded.free, locked = excluded.locked", "$a", "$f", "$l");
        _upsertPosition = Prepare(_connection, "INSERT INTO positions (symbol, quantity, cost) VALUES ($s, $q, $c) ON CONFLICT(symbol) DO UPDATE SET quantity = excluded.quantity, cost = excluded.cost", "$s", "$q", "$c");
        _insertOpenOrder = Prepare(_connection, "INSERT INTO open_orders (order_id, body) VALUES ($id, $b)", "$id", "$b");
        _clearOpenOrders = Prepare(_connection, "DELETE FROM open_orders");
        _setMeta = Prepare(_connection, "INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", "$k", "$v");
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
        Forget();
        using SqliteTransaction tx = _connection.BeginTransaction();
        Execute("DELETE FROM meta; DELETE FROM balances; DELETE FROM positions; DELETE FROM open_orders; DELETE FROM fills; DELETE FROM orders; DELETE FROM decisions; DELETE FROM risk_breakers; DELETE FROM risk_state;", tx);
        SetMeta("initial_balances", JsonSerializer.Serialize(initialBalances.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value)), tx);
        foreach ((string asset, decimal amount) in initialBalances)
        {
            Run(_upsertBalance, tx, asset, Str(amount), "0");
        }

        tx.Commit();
    }

    /// <summary>Appends fills and replaces the account state in one transaction (no journal rows, replay position kept).</summary>
    public void Save(PaperExchangeState state, long nextOrderId, IEnumerable<ExecutionReport> fills, InstrumentSet instruments)
    {
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction();
            foreach (ExecutionReport f in fills)
            {
                if (f.IsFill)
                {
                    InsertFill(f, instruments, tx);
                }
            }

            WriteState(state, nextOrderId, tx);
            tx.Commit();
        }
        catch
        {
            Forget();
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
    /// Commits one event's journal in one transaction: its decisions, every report as an order transition (fills also
    /// into fills), the account state after them, the next ids and the replay position. Nothing of it is visible, after
    /// a crash or to another reader, unless all of it is. <paramref name="risk"/>, when given, replaces the journaled risk state.
    /// </summary>
    public void Commit(PaperExchangeState state, long nextOrderId, ReplayMark position, IReadOnlyList<JournaledDecision> decisions,
        IReadOnlyList<ExecutionReport> reports, InstrumentSet instruments, RiskState? risk = null)
    {
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction();
            foreach (JournaledDecision d in decisions)
            {
                OrderRequest o = d.Order;
                Run(_insertDecision, tx, o.OrderId, o.DecisionTimeNs, instruments[o.SymbolId].Symbol, o.Side.ToWire(), o.Type.ToString().ToUpperInvariant(),
                    o.TimeInForce.ToString().ToUpperInvariant(), o.Price.ToString(), o.Quantity.ToString(), o.Purpose.ToString(), o.SignalSource, o.Strength,
                    d.Verdict == RejectReason.None ? "approved" : "rejected: " + d.Verdict.ToKey(), d.Verdict.ToMexcCode(), position.Sequence);
            }

            foreach (ExecutionReport r in reports)
            {
                Run(_insertOrder, tx, r.OrderId, r.TimeNs, instruments[r.SymbolId].Symbol, r.Side.ToWire(), r.Status.ToWire(), r.Purpose.ToString(),
                    r.RejectReason == RejectReason.None ? "" : r.RejectReason.ToKey(), r.RejectReason.ToMexcCode(), r.FillId, r.CumulativeQuantity.ToString(),
                    r.OrderQuantity.ToString(), position.Sequence);
                if (r.IsFill)
                {
                    InsertFill(r, instruments, tx);
                }
            }

            WriteState(state, nextOrderId, tx);
            if (position.Source is not null && _committed.MetaChanges("replay_source", position.Source))
            {
                SetMeta("replay_source", position.Source, tx);
            }

            SetMeta("replay_position", position.Sequence, tx);
            if (risk is not null)
            {
                _riskState.Write(risk, _connection, tx);
            }

            tx.Commit();
        }
        catch
        {
            Forget();
            throw;
        }
    }

    private void InsertFill(in ExecutionReport f, InstrumentSet instruments, SqliteTransaction tx)
    {
        Instrument i = instruments[f.SymbolId];
        Run(_insertFill, tx, f.FillId, f.TimeNs, i.Symbol, f.Side.ToWire(), f.LastPrice.ToString(), f.LastQuantity.ToString(), Str(f.QuoteQuantity),
            Str(f.Fee), i.QuoteAsset, f.OrderId, f.Liquidity.ToWire(), f.Purpose.ToString());
    }

    private void WriteState(PaperExchangeState state, long nextOrderId, SqliteTransaction tx)
    {
        // Only the rows that changed since the last commit: the database then holds the whole state again.
        foreach ((string asset, (decimal free, decimal locked)) in state.Balances)
        {
            if (_committed.BalanceChanges(asset, free, locked))
            {
                Run(_upsertBalance, tx, asset, Str(free), Str(locked));
            }
        }

        foreach ((string symbol, (Fixed8 quantity, decimal cost)) in state.Positions)
        {
            if (_committed.PositionChanges(symbol, quantity, cost))
            {
                Run(_upsertPosition, tx, symbol, quantity.ToString(), Str(cost));
            }
        }

        if (_committed.OpenOrdersChange(state.OpenOrders))
        {
            Run(_clearOpenOrders, tx);
            foreach (RestingOrderState o in state.OpenOrders)
            {
                Run(_insertOpenOrder, tx, o.Request.OrderId, StoredOrder.ToJson(o));
            }
        }

        SetMeta("next_fill_id", state.NextFillId, tx);
        SetMeta("next_order_id", nextOrderId, tx);
    }

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

    private void SetMeta(string key, string value, SqliteTransaction tx) => Run(_setMeta, tx, key, value);

    private void SetMeta(string key, long value, SqliteTransaction tx)
    {
        if (_committed.MetaChanges(key, value))
        {
            Run(_setMeta, tx, key, value.ToString(CultureInfo.InvariantCulture));
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
        foreach (SqliteCommand cmd in new[] { _insertFill, _insertOrder, _insertDecision, _upsertBalance, _upsertPosition, _insertOpenOrder, _clearOpenOrders, _setMeta })
        {
            cmd.Dispose();
        }

        _riskState.Dispose();
        _connection.Dispose();
    }
}
