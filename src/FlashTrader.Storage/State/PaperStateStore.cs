using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.State;

/// <summary>What was persisted for the paper account: its state, the initial balances it began from, the next order id.</summary>
public sealed record PersistedPaperAccount(PaperExchangeState State, IReadOnlyDictionary<string, decimal> InitialBalances, long NextOrderId);

/// <summary>
/// The paper account in SQLite (WAL): balances, open orders, positions and every fill, each save one transaction.
/// A schema_version table guards upgrades: a database from an unknown newer version is refused, never recreated.
/// </summary>
public sealed class PaperStateStore : IDisposable
{
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;

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
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Migrate();
    }

    public string Path { get; }

    private void Migrate()
    {
        Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        long? version = Scalar("SELECT MAX(version) FROM schema_version") as long?;
        if (version is null)
        {
            using SqliteTransaction tx = _connection.BeginTransaction();
            Execute("""
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE balances (asset TEXT PRIMARY KEY, free TEXT NOT NULL, locked TEXT NOT NULL);
                CREATE TABLE positions (symbol TEXT PRIMARY KEY, quantity TEXT NOT NULL, cost TEXT NOT NULL);
                CREATE TABLE open_orders (order_id INTEGER PRIMARY KEY, body TEXT NOT NULL);
                CREATE TABLE fills (fill_id INTEGER PRIMARY KEY, time_ns INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
                    price TEXT NOT NULL, quantity TEXT NOT NULL, quote_quantity TEXT NOT NULL, fee TEXT NOT NULL, fee_asset TEXT NOT NULL,
                    order_id INTEGER NOT NULL, liquidity TEXT NOT NULL, purpose TEXT NOT NULL);
                INSERT INTO schema_version (version) VALUES (1);
                """, tx);
            tx.Commit();
        }
        else if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"{Path}: state database schema version {version} is newer than this build understands ({SchemaVersion}); refusing to touch it");
        }
    }

    /// <summary>The persisted account, or null when none was saved yet.</summary>
    public PersistedPaperAccount? Load()
    {
        string? initial = Scalar("SELECT value FROM meta WHERE key = 'initial_balances'") as string;
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
            NextFillId = long.Parse((string?)Scalar("SELECT value FROM meta WHERE key = 'next_fill_id'") ?? "1", CultureInfo.InvariantCulture),
        };
        long nextOrder = long.Parse((string?)Scalar("SELECT value FROM meta WHERE key = 'next_order_id'") ?? "1", CultureInfo.InvariantCulture);
        var initialBalances = JsonSerializer.Deserialize<Dictionary<string, decimal>>(initial) ?? [];
        return new PersistedPaperAccount(state, initialBalances, nextOrder);
    }

    /// <summary>Wipes everything and records the initial balances (--reset, or the first run).</summary>
    public void Reset(IReadOnlyDictionary<string, decimal> initialBalances)
    {
        using SqliteTransaction tx = _connection.BeginTransaction();
        Execute("DELETE FROM meta; DELETE FROM balances; DELETE FROM positions; DELETE FROM open_orders; DELETE FROM fills;", tx);
        SetMeta("initial_balances", JsonSerializer.Serialize(initialBalances.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value)), tx);
        foreach ((string asset, decimal amount) in initialBalances)
        {
            using SqliteCommand cmd = Command("INSERT INTO balances (asset, free, locked) VALUES ($a, $f, '0')", tx);
            cmd.Parameters.AddWithValue("$a", asset);
            cmd.Parameters.AddWithValue("$f", Str(amount));
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>Appends fills and replaces the account state in one transaction.</summary>
    public void Save(PaperExchangeState state, long nextOrderId, IEnumerable<ExecutionReport> fills, InstrumentSet instruments)
    {
        using SqliteTransaction tx = _connection.BeginTransaction();
        foreach (ExecutionReport f in fills)
        {
            if (!f.IsFill)
            {
                continue;
            }

            Instrument i = instruments[f.SymbolId];
            using SqliteCommand cmd = Command("""
                INSERT INTO fills (fill_id, time_ns, symbol, side, price, quantity, quote_quantity, fee, fee_asset, order_id, liquidity, purpose)
                VALUES ($id, $t, $s, $side, $p, $q, $qq, $fee, $fa, $o, $l, $purpose)
                """, tx);
            cmd.Parameters.AddWithValue("$id", f.FillId);
            cmd.Parameters.AddWithValue("$t", f.TimeNs);
            cmd.Parameters.AddWithValue("$s", i.Symbol);
            cmd.Parameters.AddWithValue("$side", f.Side.ToWire());
            cmd.Parameters.AddWithValue("$p", f.LastPrice.ToString());
            cmd.Parameters.AddWithValue("$q", f.LastQuantity.ToString());
            cmd.Parameters.AddWithValue("$qq", Str(f.QuoteQuantity));
            cmd.Parameters.AddWithValue("$fee", Str(f.Fee));
            cmd.Parameters.AddWithValue("$fa", i.QuoteAsset);
            cmd.Parameters.AddWithValue("$o", f.OrderId);
            cmd.Parameters.AddWithValue("$l", f.Liquidity.ToWire());
            cmd.Parameters.AddWithValue("$purpose", f.Purpose.ToString());
            cmd.ExecuteNonQuery();
        }

        Execute("DELETE FROM balances; DELETE FROM positions; DELETE FROM open_orders;", tx);
        foreach ((string asset, (decimal free, decimal locked)) in state.Balances)
        {
            using SqliteCommand cmd = Command("INSERT INTO balances (asset, free, locked) VALUES ($a, $f, $l)", tx);
            cmd.Parameters.AddWithValue("$a", asset);
            cmd.Parameters.AddWithValue("$f", Str(free));
            cmd.Parameters.AddWithValue("$l", Str(locked));
            cmd.ExecuteNonQuery();
        }

        foreach ((string symbol, (Fixed8 quantity, decimal cost)) in state.Positions)
        {
            using SqliteCommand cmd = Command("INSERT INTO positions (symbol, quantity, cost) VALUES ($s, $q, $c)", tx);
            cmd.Parameters.AddWithValue("$s", symbol);
            cmd.Parameters.AddWithValue("$q", quantity.ToString());
            cmd.Parameters.AddWithValue("$c", Str(cost));
            cmd.ExecuteNonQuery();
        }

        foreach (RestingOrderState o in state.OpenOrders)
        {
            using SqliteCommand cmd = Command("INSERT INTO open_orders (order_id, body) VALUES ($id, $b)", tx);
            cmd.Parameters.AddWithValue("$id", o.Request.OrderId);
            cmd.Parameters.AddWithValue("$b", StoredOrder.ToJson(o));
            cmd.ExecuteNonQuery();
        }

        SetMeta("next_fill_id", state.NextFillId.ToString(CultureInfo.InvariantCulture), tx);
        SetMeta("next_order_id", nextOrderId.ToString(CultureInfo.InvariantCulture), tx);
        tx.Commit();
    }

    public long FillCount() => (long)(Scalar("SELECT COUNT(*) FROM fills") ?? 0L);

    private void SetMeta(string key, string value, SqliteTransaction tx)
    {
        using SqliteCommand cmd = Command("INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", tx);
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
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

    public void Dispose() => _connection.Dispose();
}
