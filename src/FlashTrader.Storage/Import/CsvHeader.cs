using System.Text;

namespace FlashTrader.Storage.Import;

/// <summary>A CSV header row: finds columns by name (case-insensitive), so column order never matters.</summary>
internal sealed class CsvHeader
{
    private readonly string[] _names;
    private readonly string _file;

    private CsvHeader(string[] names, string file)
    {
        _names = names;
        _file = file;
    }

    public int Count => _names.Length;

    public string this[int index] => _names[index];

    public static CsvHeader Read(ImportLineReader reader)
    {
        if (!reader.TryReadLine(out ReadOnlySpan<byte> line) || line.IsEmpty)
        {
            throw new ImportException(reader.FileName, Math.Max(1, reader.LineNumber), "the CSV has no header row");
        }

        if (line.Length >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF)
        {
            line = line[3..]; // UTF-8 byte order mark
        }

        string[] names = Encoding.UTF8.GetString(line).Split(',');
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = names[i].Trim().Trim('"').ToLowerInvariant();
        }

        return new CsvHeader(names, reader.FileName);
    }

    /// <summary>The index of the first of <paramref name="names"/> present; an error listing the columns if none is.</summary>
    public int Require(params string[] names)
    {
        int index = Find(names);
        if (index < 0)
        {
            throw new ImportException(_file, 1, $"no column {string.Join(" or ", names.Select(n => $"'{n}'"))} in the header ({string.Join(",", _names)})");
        }

        return index;
    }

    /// <summary>The index of the first of <paramref name="names"/> present, or -1.</summary>
    public int Find(params string[] names)
    {
        foreach (string name in names)
        {
            int index = Array.IndexOf(_names, name);
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }
}
