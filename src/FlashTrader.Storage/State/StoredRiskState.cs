using System.Globalization;
using FlashTrader.Core.Risk;
using Microsoft.Data.Sqlite;
using static FlashTrader.Storage.State.PreparedStatements;

namespace FlashTrader.Storage.State;

/// <summary>
/// The risk manager's state in the risk_breakers and risk_state tables: exact decimal strings, times as Unix nanoseconds,
/// windows as comma-separated times (oldest first). A value that does not parse is an error naming the table, key and text.
/// </summary>
internal sealed class StoredRiskState : IDisposable
{
    private readonly SqliteCommand _deleteBreakers;
    private readonly SqliteCommand _insertBreaker;
    private readonly SqliteCommand _upsertValue;
    private readonly SqliteCommand _deleteValue;

    // The state the database holds as of the last commit (null: unknown, rewrite everything). A commit writes only the
    // rows that differ from it: the risk state moves on every order, but mostly one or two of its values.
    private RiskState? _written;

    public StoredRiskState(SqliteConnection connection)
    {
        _deleteBreakers = Prepare(connection, "DELETE FROM risk_breakers");
        _insertBreaker = Prepare(connection, "INSERT INTO risk_breakers (breaker, reason, tripped_at_ns, hold_until_ns, trip_order, reset_rule) VALUES ($b, $r, $t, $h, $o, $rule)",
            "$b", "$r", "$t", "$h", "$o", "$rule");
        _upsertValue = Prepare(connection, "INSERT INTO risk_state (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", "$k", "$v");
        _deleteValue = Prepare(connection, "DELETE FROM risk_state WHERE key = $k", "$k");
    }

    /// <summary>Forgets what was written (after a reset or a failed commit): the next write replaces every row.</summary>
    public void Forget() => _written = null;

    public void Write(RiskState state, SqliteConnection connection, SqliteTransaction? tx)
    {
        RiskState? old = _written;
        if (old is null)
        {
            using SqliteCommand wipe = connection.CreateCommand();
            wipe.Transaction = tx;
            wipe.CommandText = "DELETE FROM risk_state";
            wipe.ExecuteNonQuery();
        }

        if (old is null || !old.Breakers.SequenceEqual(state.Breakers))
        {
            Run(_deleteBreakers, tx);
            foreach (BreakerState b in state.Breakers)
            {
                Run(_insertBreaker, tx, b.Breaker.ToString(), b.Reason, b.TrippedAtNs, b.HoldUntilNs, b.TripOrder, b.ResetRule);
            }
        }

        if (state.Halt is null)
        {
            if (old?.Halt is not null)
            {
                Run(_deleteValue, tx, "halt");
            }
        }
        else if (old?.Halt != state.Halt)
        {
            Set(tx, "halt", state.Halt);
        }

        if (old is null || old.Day != state.Day)
        {
            Set(tx, "day", Str(state.Day));
        }

        if (old is null || old.DayStartEquity != state.DayStartEquity)
        {
            Set(tx, "day_start_equity", state.DayStartEquity.ToString(CultureInfo.InvariantCulture));
        }

        if (old is null || old.OrdersToday != state.OrdersToday)
        {
            Set(tx, "orders_today", Str(state.OrdersToday));
        }

        if (old is null || old.PeakEquity != state.PeakEquity)
        {
            Set(tx, "peak_equity", state.PeakEquity.ToString(CultureInfo.InvariantCulture));
        }

        if (old is null || old.MaxDrawdown != state.MaxDrawdown)
        {
            Set(tx, "max_drawdown", state.MaxDrawdown.ToString(CultureInfo.InvariantCulture));
        }

        if (old is null || !old.MaxDrawdownPercent.Equals(state.MaxDrawdownPercent))
        {
            Set(tx, "max_drawdown_percent", state.MaxDrawdownPercent.ToString("R", CultureInfo.InvariantCulture));
        }

        if (old is null || old.ConsecutiveLosses != state.ConsecutiveLosses)
        {
            Set(tx, "consecutive_losses", Str(state.ConsecutiveLosses));
        }

        if (old is null || !old.OrderTimes.SequenceEqual(state.OrderTimes))
        {
            Set(tx, "order_times", string.Join(',', state.OrderTimes.Select(Str)));
        }

        if (old is null || !old.RejectionTimes.SequenceEqual(state.RejectionTimes))
        {
            Set(tx, "rejection_times", string.Join(',', state.RejectionTimes.Select(Str)));
        }

        if (old is null || old.NowNs != state.NowNs)
        {
            Set(tx, "now_ns", Str(state.NowNs));
        }

        if (old is null || old.TripCounter != state.TripCounter)
        {
            Set(tx, "trip_counter", Str(state.TripCounter));
        }

        _written = state;
    }

    private void Set(SqliteTransaction? tx, string key, string value) => Run(_upsertValue, tx, key, value);

    /// <summary>The journaled state, or null when none was journaled (a new or migrated database, or after --reset).</summary>
    public static RiskState? Read(SqliteConnection connection, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using (SqliteCommand cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT key, value FROM risk_state";
            using SqliteDataReader r = cmd.ExecuteReader();
            while (r.Read())
            {
                values[r.GetString(0)] = r.GetString(1);
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        var breakers = new List<BreakerState>();
        using (SqliteCommand cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT breaker, reason, tripped_at_ns, hold_until_ns, trip_order FROM risk_breakers ORDER BY trip_order";
            using SqliteDataReader r = cmd.ExecuteReader();
            while (r.Read())
            {
                string name = r.GetString(0);
                if (!Enum.TryParse(name, out CircuitBreaker breaker) || !Enum.IsDefined(breaker))
                {
                    throw new InvalidDataException($"{path}: risk_breakers.breaker: unknown circuit breaker '{name}'");
                }

                breakers.Add(new BreakerState(breaker, r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));
            }
        }

        var reader = new Values(values, path);
        return new RiskState
        {
            Breakers = breakers,
            Halt = values.TryGetValue("halt", out string? halt) ? halt : null,
            Day = reader.Long("day"),
            DayStartEquity = reader.Decimal("day_start_equity"),
            OrdersToday = (int)reader.Long("orders_today"),
            PeakEquity = reader.Decimal("peak_equity"),
            MaxDrawdown = reader.Decimal("max_drawdown"),
            MaxDrawdownPercent = reader.Double("max_drawdown_percent"),
            ConsecutiveLosses = (int)reader.Long("consecutive_losses"),
            OrderTimes = reader.Times("order_times"),
            RejectionTimes = reader.Times("rejection_times"),
            NowNs = reader.Long("now_ns"),
            TripCounter = reader.Long("trip_counter"),
        };
    }

    private static string Str(long v) => v.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _deleteBreakers.Dispose();
        _insertBreaker.Dispose();
        _upsertValue.Dispose();
        _deleteValue.Dispose();
    }

    /// <summary>Typed reads of risk_state values, each error naming the database, key and the text found.</summary>
    private sealed class Values(Dictionary<string, string> values, string path)
    {
        private string Text(string key) =>
            values.TryGetValue(key, out string? v) ? v : throw new InvalidDataException($"{path}: risk_state.{key}: missing");

        private InvalidDataException Bad(string key, string what) => new($"{path}: risk_state.{key}: not {what}: '{values[key]}'");

        public long Long(string key) => long.TryParse(Text(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : throw Bad(key, "an integer");

        public decimal Decimal(string key) => decimal.TryParse(Text(key), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal v) ? v : throw Bad(key, "a decimal");

        public double Double(string key) => double.TryParse(Text(key), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Bad(key, "a number");

        public long[] Times(string key)
        {
            string text = Text(key);
            if (text.Length == 0)
            {
                return [];
            }

            string[] parts = text.Split(',');
            var times = new long[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out times[i]))
                {
                    throw new InvalidDataException($"{path}: risk_state.{key}: time {i + 1} is not an integer: '{parts[i]}'");
                }
            }

            return times;
        }
    }
}
