using System.Globalization;
using FlashTrader.Core.Time;

namespace FlashTrader.Storage.State;

/// <summary>
/// The journal as CSV, for the user's own analysis and taxes: fills in the columns of a run's fills.csv, order
/// transitions and decisions with the journal's own columns. Values are written exactly as stored.
/// </summary>
public static class JournalCsv
{
    /// <summary>The columns of fills.csv, shared by the run's writer and the journal export.</summary>
    public const string FillsHeader = "time,symbol,side,price,quantity,quoteQuantity,fee,feeAsset,orderId,fillId,liquidity";

    /// <summary>Writes every fill since the last reset; returns the number of rows.</summary>
    public static long WriteFills(PaperStateStore store, TextWriter output)
    {
        output.Write(FillsHeader + "\n");
        long rows = 0;
        foreach (StoredFill f in store.ReadFills())
        {
            output.Write(string.Join(',', EpochTimestamp.ToIso8601(f.TimeNs), f.Symbol, f.Side, f.Price, f.Quantity, f.QuoteQuantity, f.Fee, f.FeeAsset,
                f.OrderId.ToString(CultureInfo.InvariantCulture), f.FillId.ToString(CultureInfo.InvariantCulture), f.Liquidity));
            output.Write('\n');
            rows++;
        }

        return rows;
    }

    /// <summary>Writes the orders or decisions journal (header, then rows in commit order); returns the number of rows.</summary>
    public static long WriteTable(PaperStateStore store, string table, TextWriter output)
    {
        long rows = -1;
        foreach (string[] row in store.ReadTable(table))
        {
            output.Write(string.Join(',', row.Select(Escape)));
            output.Write('\n');
            rows++;
        }

        return rows;
    }

    private static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
