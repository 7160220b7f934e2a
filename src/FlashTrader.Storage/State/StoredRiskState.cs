using System.Globalization;
using FlashTrader.Core.Risk;
using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.State;

/// <summary>
/// The risk manager's state in the risk_breakers and risk_state tables: exact decimal strings, times as Unix nanoseconds,
/// windows as comma-separated times (oldest first). A value that does not parse is an error naming the table, key and text.
/// </summary>
internal sealed class StoredRiskState : IDisposable
{
    private readonly JournalStatement _deleteBreakers;
    private readonly JournalStatement _insertBreaker;
    private readonly JournalStatement _upsertValue;
    private readonly JournalStatement _deleteValue;
    private readonly JournalStatement _deleteValues;

    // The windows' comma-separated times are built here (grown once to the longest window), not as a string per write.
    private byte[] _times = new byte[256];

    // The state the database holds as of the last commit (null: unknown, rewrite everything). A commit writes only the
    // rows that differ from it: the risk state moves on every order, but mostly one or two of its values.
    private RiskState? _written;

    /// <summary>
    /// Statements prepared once on the connection's native handle (bound without boxing or strings: the risk state
    /// changes on every order), run inside the journal's open transaction.
    /// </summary>
    public StoredRiskState(SqliteConnection connection)
    {
        _deleteBreakers = new JournalStatement(connection, "DELETE FROM risk_breakers");
        _insertBreaker = new JournalStatement(connection,
            "INSERT INTO risk_breakers (breaker, reason, tripped_at_ns, hold_until_ns, trip_order, reset_rule) VALUES ($b, $r, $t, $h, $o, $rule)");
        _upsertValue = new JournalStatement(connection, "INSERT INTO risk_state (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        _deleteValue = new JournalStatement(connection, "DELETE FROM risk_state WHERE key = $k");
        _deleteValues = new JournalStatement(connection, "DELETE FROM risk_state");
    }

    /// <summary>Forgets what was written (after a reset or a failed commit): the next write replaces every row.</summary>
    public void Forget() => _written = null;

    /// <summary>Writes the rows of <paramref name="state"/> that differ from the last write, inside the open transaction.</summary>
    public void Write(RiskState state)
    {
        RiskState? old = _written;
        if (old is null)
        {
            _deleteValues.Run();
        }

        if (old is null || !Same(old.Breakers, state.Breakers))
        {
            _deleteBreakers.Run();
            for (int i = 0; i < state.Breakers.Count; i++)
            {
                BreakerState b = state.Breakers[i];
                _insertBreaker.Bind(1, b.Breaker.ToString()).Bind(2, b.Reason).Bind(3, b.TrippedAtNs).Bind(4, b.HoldUntilNs).Bind(5, b.TripOrder).Bind(6, b.ResetRule).Run();
            }
        }

        if (state.Halt is null)
        {
            if (old?.Halt is not null)
            {
                _deleteValue.Bind(1, "halt").Run();
            }
        }
        else if (old?.Halt != state.Halt)
        {
            _upsertValue.Bind(1, "halt").Bind(2, state.Halt).Run();
        }

        if (old is null || old.Day != state.Day)
        {
            Set("day", state.Day);
        }

        if (old is null || old.DayStartEquity != state.DayStartEquity)
        {
            _upsertValue.Bind(1, "day_start_equity").Bind(2, state.DayStartEquity).Run();
        }

        if (old is null || old.OrdersToday != state.OrdersToday)
        {
            Set("orders_today", state.OrdersToday);
        }

        if (old is null || old.PeakEquity != state.PeakEquity)
        {
            _upsertValue.Bind(1, "peak_equity").Bind(2, state.PeakEquity).Run();
        }

        if (old is null || old.MaxDrawdown != state.MaxDrawdown)
        {
            _upsertValue.Bind(1, "max_drawdown").Bind(2, state.MaxDrawdown).Run();
        }

        if (old is null || !old.MaxDrawdownPercent.Equals(state.MaxDrawdownPercent))
        {
            // Round-trip text ("R"), as the value was always stored: the restart must read back the same double.
            Span<byte> text = stackalloc byte[32];
            if (!state.MaxDrawdownPercent.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"risk state: {state.MaxDrawdownPercent} does not fit the text buffer");
            }

            _upsertValue.Bind(1, "max_drawdown_percent").BindUtf8(2, text[..written]).Run();
        }

        if (old is null || old.ConsecutiveLosses != state.ConsecutiveLosses)
        {
            Set("consecutive_losses", state.ConsecutiveLosses);
        }

        if (old is null || !Same(old.OrderTimes, state.OrderTimes))
        {
            SetTimes("order_times", state.OrderTimes);
        }

        if (old is null || !Same(old.RejectionTimes, state.RejectionTimes))
        {
            SetTimes("rejection_times", state.RejectionTimes);
        }

        if (old is null || old.NowNs != state.NowNs)
        {
            Set("now_ns", state.NowNs);
        }

        if (old is null || old.TripCounter != state.TripCounter)
        {
            Set("trip_counter", state.TripCounter);
        }

        _written = state;
    }

    /// <summary>An integer value as its invariant text, formatted on the stack.</summary>
    private void Set(string key, long value)
    {
        Span<byte> text = stackalloc byte[24];
        value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        _upsertValue.Bind(1, key).BindUtf8(2, text[..written]).Run();
    }

    /// <summary>A window's times, comma-separated, oldest first ("" when empty).</summary>
    private void SetTimes(string key, IReadOnlyList<long> times)
    {
        int length = 0;
        for (int i = 0; i < times.Count; i++)
        {
            if (_times.Length - length < 21)
            {
                Array.Resize(ref _times, _times.Length * 2);
            }

            if (i > 0)
            {
                _times[length++] = (byte)',';
            }

            times[i].TryFormat(_times.AsSpan(length), out int written, default, CultureInfo.InvariantCulture);
            length += written;
        }

        _upsertValue.Bind(1, key).BindUtf8(2, _times.AsSpan(0, length)).Run();
    }

    /// <summary>Element by element, by index (no enumerator is boxed).</summary>
    private static bool Same<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
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

    public void Dispose()
    {
        _deleteBreakers.Dispose();
        _insertBreaker.Dispose();
        _upsertValue.Dispose();
        _deleteValue.Dispose();
        _deleteValues.Dispose();
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
