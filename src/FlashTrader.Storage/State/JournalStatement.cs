using System.Globalization;
using FlashTrader.Core.Numerics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlashTrader.Storage.State;

/// <summary>
/// A statement the journal runs on every commit, prepared once on the connection's native handle and bound per row
/// without allocating: integers and reals bind as such, text as UTF-8 (numbers formatted into a stack buffer; SQLite
/// copies what it is given). Microsoft.Data.Sqlite's commands allocate a binder per parameter and box every value on
/// each run, which was most of what a commit allocated. Parameters are numbered from 1 in the order they appear.
/// </summary>
internal sealed class JournalStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _sql;

    public JournalStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the journal's connection is not open");
        _sql = sql;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public JournalStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public JournalStatement Bind(int index, double value)
    {
        Check(raw.sqlite3_bind_double(_statement, index, value));
        return this;
    }

    /// <summary>Text; strings up to 512 bytes are converted on the stack.</summary>
    public JournalStatement Bind(int index, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public JournalStatement BindUtf8(int index, ReadOnlySpan<byte> value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <summary>An exact 8-decimal value as its canonical text (as <see cref="Fixed8.ToString()"/> writes it).</summary>
    public JournalStatement Bind(int index, Fixed8 value)
    {
        Span<byte> text = stackalloc byte[40];
        if (!value.TryFormat(text, out int written))
        {
            throw new InvalidOperationException($"journal: {value} does not fit the text buffer");
        }

        return BindUtf8(index, text[..written]);
    }

    /// <summary>A decimal as its invariant-culture text (as <c>decimal.ToString(CultureInfo.InvariantCulture)</c> writes it).</summary>
    public JournalStatement Bind(int index, decimal value)
    {
        Span<byte> text = stackalloc byte[64];
        if (!value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"journal: {value} does not fit the text buffer");
        }

        return BindUtf8(index, text[..written]);
    }

    /// <summary>Runs the statement once with what is bound; an error names the statement and SQLite's message.</summary>
    public void Run()
    {
        int rc = raw.sqlite3_step(_statement);
        int reset = raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw Error(reset != raw.SQLITE_OK ? reset : rc);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new($"journal statement failed ({raw.sqlite3_errmsg(_db).utf8_to_string()}): {_sql}", rc, raw.sqlite3_extended_errcode(_db));

    public void Dispose() => _statement.Dispose();
}
