using FlashTrader.Cli;

namespace FlashTrader.Hosting;

/// <summary>
/// Reads a dotenv file (KEY=VALUE lines, # comments, optional quotes, optional "export "). Values are secrets: they
/// are returned to the caller only, never logged or echoed, and errors name the file and line but not the value.
/// </summary>
public static class DotEnvFile
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"{path}:{lineNumber}: expected KEY=VALUE");
            }

            string key = line[..eq].Trim();
            if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new UsageException($"{path}:{lineNumber}: '{key}' is not a valid variable name");
            }

            string value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            values[key] = value;
        }

        return values;
    }
}
