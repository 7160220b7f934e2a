namespace FlashTrader.Storage.Import;

/// <summary>Parses "BTCUSDT=BTCUSDC,ETHUSDT=ETHUSDC" into a source-to-recorded symbol map (keys case-insensitive).</summary>
public static class ImportSymbolMap
{
    public static IReadOnlyDictionary<string, string> Parse(string? text)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(text))
        {
            return map;
        }

        string[] entries = text.Split(',');
        for (int i = 0; i < entries.Length; i++)
        {
            string entry = entries[i].Trim();
            int eq = entry.IndexOf('=');
            if (eq < 0)
            {
                throw new ImportException($"symbol map entry {i + 1} '{entry}' is not SOURCE=TARGET (in '{text}')");
            }

            string source = entry[..eq].Trim().ToUpperInvariant();
            string target = entry[(eq + 1)..].Trim().ToUpperInvariant();
            if (source.Length == 0 || target.Length == 0)
            {
                throw new ImportException($"symbol map entry {i + 1} '{entry}' has an empty symbol (in '{text}')");
            }

            if (!IsSymbol(source) || !IsSymbol(target))
            {
                throw new ImportException($"symbol map entry {i + 1} '{entry}': symbols are letters, digits, '-' or '_' only (in '{text}')");
            }

            if (!map.TryAdd(source, target))
            {
                throw new ImportException($"symbol map entry {i + 1} maps {source} a second time (in '{text}')");
            }
        }

        return map;
    }

    private static bool IsSymbol(string s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
