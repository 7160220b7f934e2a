using FlashTrader.Core.Configuration;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Strategies;

namespace FlashTrader.Strategies;

/// <summary>The file side of JSON strategies: which files the configuration selects, and reading one into a compiled strategy.</summary>
public static class StrategyFiles
{
    /// <summary>Strategies:Files in order, then the *.json files of Strategies:Directory by name; full paths, each once.</summary>
    public static IReadOnlyList<string> Select(StrategyOptions options)
    {
        var paths = new List<string>();
        foreach (string file in options.Files)
        {
            paths.Add(Path.GetFullPath(file));
        }

        if (options.Directory is not null)
        {
            string dir = Path.GetFullPath(options.Directory);
            if (!Directory.Exists(dir))
            {
                throw new FileNotFoundException($"Strategies:Directory: folder not found: {options.Directory}");
            }

            paths.AddRange(Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal));
        }

        return [.. paths.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Reads, loads and compiles one definition; errors carry the file, line and column.</summary>
    public static CompiledStrategy Load(string path, SessionCalendar calendar)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"strategy file not found: {path}");
        }

        byte[] content = File.ReadAllBytes(path);
        return CompiledStrategy.Compile(StrategyJsonLoader.Load(content, path), calendar);
    }
}
