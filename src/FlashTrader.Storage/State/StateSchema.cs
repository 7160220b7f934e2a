namespace FlashTrader.Storage.State;

/// <summary>
/// The state database's schema, version by version. A database is brought forward one step at a time, each step in its
/// own transaction; nothing is ever dropped and recreated, so a migrated account keeps its balances and history.
/// </summary>
internal static class StateSchema
{
    public const int Current = 3;

    /// <summary>v1: the paper account (balances, positions, open orders) and its fills.</summary>
    public const string V1 = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE balances (asset TEXT PRIMARY KEY, free TEXT NOT NULL, locked TEXT NOT NULL);
        CREATE TABLE positions (symbol TEXT PRIMARY KEY, quantity TEXT NOT NULL, cost TEXT NOT NULL);
        CREATE TABLE open_orders (order_id INTEGER PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE fills (fill_id INTEGER PRIMARY KEY, time_ns INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
            price TEXT NOT NULL, quantity TEXT NOT NULL, quote_quantity TEXT NOT NULL, fee TEXT NOT NULL, fee_asset TEXT NOT NULL,
            order_id INTEGER NOT NULL, liquidity TEXT NOT NULL, purpose TEXT NOT NULL);
        """;

    /// <summary>
    /// v2: the journal. Every order transition (orders) and every decision with its reasons (decisions), written in the
    /// same transaction as the fills and state they go with; meta gains the replay position of the last commit.
    /// </summary>
    public const string V2 = """
        CREATE TABLE orders (seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, time_ns INTEGER NOT NULL,
            symbol TEXT NOT NULL, side TEXT NOT NULL, status TEXT NOT NULL, purpose TEXT NOT NULL, reject_reason TEXT NOT NULL,
            mexc_code INTEGER NOT NULL, fill_id INTEGER NOT NULL, cumulative_quantity TEXT NOT NULL, order_quantity TEXT NOT NULL,
            event_sequence INTEGER NOT NULL);
        CREATE INDEX orders_by_order ON orders (order_id);
        CREATE TABLE decisions (seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL, time_ns INTEGER NOT NULL,
            symbol TEXT NOT NULL, side TEXT NOT NULL, type TEXT NOT NULL, time_in_force TEXT NOT NULL, price TEXT NOT NULL,
            quantity TEXT NOT NULL, purpose TEXT NOT NULL, strategy INTEGER NOT NULL, strength REAL NOT NULL, verdict TEXT NOT NULL,
            mexc_code INTEGER NOT NULL, event_sequence INTEGER NOT NULL);
        """;

    /// <summary>
    /// v3: the risk manager's state, so a restart never lifts a halt or forgets a loss: tripped breakers (why, when, until
    /// when, how they reset) and the scalars and windows of <c>RiskState</c> (operator halt, UTC day, day's starting equity
    /// and orders, equity peak, losing streak, order-rate and rejection windows), written in the same transaction as the
    /// journal.
    /// </summary>
    public const string V3 = """
        CREATE TABLE risk_breakers (breaker TEXT PRIMARY KEY, reason TEXT NOT NULL, tripped_at_ns INTEGER NOT NULL,
            hold_until_ns INTEGER NOT NULL, trip_order INTEGER NOT NULL, reset_rule TEXT NOT NULL);
        CREATE TABLE risk_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """;

    /// <summary>The step that brings a database from <paramref name="version"/> to the next.</summary>
    public static string StepFrom(int version) => version switch
    {
        0 => V1,
        1 => V2,
        2 => V3,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "no migration step from this version"),
    };
}
