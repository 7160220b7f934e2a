using System.Globalization;
using FlashTrader.Core.Risk;
using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.State;

/// <summary>
/// The risk manager's state in the risk_breakers and risk_state tables: exact decimal strings, times as Unix nanoseconds,
/// windows as comma-separated times (oldest first). A value that does not parse is an error naming the table, key and text.
/// </summary>
internal static class StoredRiskState
{
    public static void Write(RiskState state, SqliteConnection connection, SqliteTransaction tx)
    {
        Execute(connection, tx, "DELETE FROM risk_breakers; DELETE FROM risk_state;");
        foreach (BreakerState b in state.Breakers)
        {
            Execute(connection, tx, "INSERT INTO risk_breakers (breaker, reason, tripped_at_ns, hold_until_ns, trip_order, reset_rule) VALUES ($b, $r, $t, $h, $o, $rule)",
                ("$b", b.Breaker.ToString()), ("$r", b.Reason), ("$t", b.TrippedAtNs), ("$h", b.HoldUntilNs), ("$o", b.TripOrder), ("$rule", b.ResetRule));
        }

        foreach ((string key, string value) in Pairs(state))
        {
            Execute(connection, tx, "INSERT INTO risk_state (key, value) VALUES ($k, $v)", ("$k", key), ("$v", value));
        }
    }

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

    private static IEnumerable<(string Key, string Value)> Pairs(RiskState s)
    {
        if (s.Halt is not null)
        {
            yield return ("halt", s.Halt);
        }

        yield return ("day", Str(s.Day));
        yield return ("day_start_equity", s.DayStartEquity.ToString(CultureInfo.InvariantCulture));
        yield return ("orders_today", Str(s.OrdersToday));
        yield return ("peak_equity", s.PeakEquity.ToString(CultureInfo.InvariantCulture));
        yield return ("max_drawdown", s.MaxDrawdown.ToString(CultureInfo.InvariantCulture));
        yield return ("max_drawdown_percent", s.MaxDrawdownPercent.ToString("R", CultureInfo.InvariantCulture));
        yield return ("consecutive_losses", Str(s.ConsecutiveLosses));
        yield return ("order_times", string.Join(',', s.OrderTimes.Select(Str)));
        yield return ("rejection_times", string.Join(',', s.RejectionTimes.Select(Str)));
        yield return ("now_ns", Str(s.NowNs));
        yield return ("trip_counter", Str(s.TripCounter));
    }

    private static string Str(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        cmd.ExecuteNonQuery();
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
