namespace FlashTrader.Storage.Import.Binance;

/// <summary>A capture line: "&lt;local receive timestamp&gt; &lt;message JSON&gt;".</summary>
internal static class BinanceCaptureLine
{
    public static bool TrySplit(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> stamp, out ReadOnlySpan<byte> json, out int jsonColumn)
    {
        int space = line.IndexOf((byte)' ');
        if (space <= 0)
        {
            stamp = json = default;
            jsonColumn = 0;
            return false;
        }

        stamp = line[..space];
        jsonColumn = space + 1;
        while (jsonColumn < line.Length && line[jsonColumn] == (byte)' ')
        {
            jsonColumn++;
        }

        json = line[jsonColumn..];
        return true;
    }
}
