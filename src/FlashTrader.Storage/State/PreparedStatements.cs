using Microsoft.Data.Sqlite;

namespace FlashTrader.Storage.State;

/// <summary>
/// Statements the journal runs on every commit, parsed once: SQLite re-parses a command's text each time a new command
/// is made, which was most of what a commit allocated.
/// </summary>
internal static class PreparedStatements
{
    /// <summary>A command for <paramref name="sql"/> with its named parameters bound positionally, prepared.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (string p in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter(p, null));
        }

        cmd.Prepare();
        return cmd;
    }

    /// <summary>Runs a prepared command inside <paramref name="tx"/> with the values in its parameters' order.</summary>
    public static void Run(SqliteCommand cmd, SqliteTransaction? tx, params object[] values)
    {
        cmd.Transaction = tx;
        for (int i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i];
        }

        cmd.ExecuteNonQuery();
    }
}
