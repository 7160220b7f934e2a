namespace FlashTrader.Storage.Import;

/// <summary>
/// The fields of one CSV data row as ranges over the line bytes (no quoting: the supported sources never quote).
/// Reused across rows, so splitting allocates nothing.
/// </summary>
internal sealed class CsvFields
{
    private readonly Range[] _ranges;

    public CsvFields(int count) => _ranges = new Range[count];

    public int Count => _ranges.Length;

    /// <summary>Splits <paramref name="line"/>; a row whose field count differs from the header's is malformed.</summary>
    public void Split(ReadOnlySpan<byte> line)
    {
        int field = 0;
        int start = 0;
        while (true)
        {
            int comma = line[start..].IndexOf((byte)',');
            int end = comma < 0 ? line.Length : start + comma;
            if (field == _ranges.Length)
            {
                throw new BadLineException($"row has more than the header's {_ranges.Length} fields");
            }

            _ranges[field++] = new Range(start, end);
            if (comma < 0)
            {
                break;
            }

            start = end + 1;
        }

        if (field != _ranges.Length)
        {
            throw new BadLineException($"row has {field} fields, the header has {_ranges.Length}");
        }
    }

    public Range this[int index] => _ranges[index];
}
