using FlashTrader.Core.Sessions;
using FlashTrader.Core.Strategies;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Strategies;

/// <summary>
/// Hot swap: watches the running strategies' files and, once a file has been quiet for the debounce period, reloads
/// and recompiles it off the trading thread and hands the new version to its strategy, which takes over between
/// events. A broken edit (bad JSON, unknown name, ...) keeps the running version and logs why; an unchanged content
/// hash is ignored (editors often save twice).
/// </summary>
public sealed class StrategyFileWatcher : IDisposable
{
    private readonly Dictionary<string, JsonSignalStrategy> _byPath;
    private readonly SessionCalendar _calendar;
    private readonly TimeSpan _debounce;
    private readonly ILogger _log;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Dictionary<string, Timer> _timers = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _disposed;

    public StrategyFileWatcher(IReadOnlyDictionary<string, JsonSignalStrategy> byPath, SessionCalendar calendar, TimeSpan debounce, ILogger log)
    {
        _byPath = new Dictionary<string, JsonSignalStrategy>(byPath, StringComparer.Ordinal);
        _calendar = calendar;
        _debounce = debounce;
        _log = log;
        foreach (IGrouping<string, string> folder in _byPath.Keys.GroupBy(p => Path.GetDirectoryName(p)!, StringComparer.Ordinal))
        {
            var watcher = new FileSystemWatcher(folder.Key, "*.json")
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Renamed += (_, e) => Schedule(e.FullPath);
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>Versions reloaded successfully.</summary>
    public int Reloads { get; private set; }

    /// <summary>Edits rejected (the previous version kept running).</summary>
    public int Rejected { get; private set; }

    private void OnChanged(object sender, FileSystemEventArgs e) => Schedule(e.FullPath);

    private void Schedule(string path)
    {
        path = Path.GetFullPath(path);
        if (!_byPath.ContainsKey(path))
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_timers.TryGetValue(path, out Timer? timer))
            {
                timer.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _timers[path] = new Timer(_ => Reload(path), null, _debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Reloads <paramref name="path"/> now; true when a new version was handed over.</summary>
    public bool Reload(string path)
    {
        JsonSignalStrategy strategy = _byPath[path];
        StrategyDefinition running = strategy.Compiled.Definition;
        CompiledStrategy next;
        try
        {
            next = StrategyFiles.Load(path, _calendar);
        }
        catch (Exception e) when (e is StrategyDefinitionException or IOException or UnauthorizedAccessException)
        {
            Rejected++;
            _log.LogWarning("Strategy {Name}: the edit of {File} was rejected, version {Version} ({Hash}) keeps running: {Reason}",
                running.Name, path, running.Version, running.ContentHash, e.Message);
            return false;
        }

        if (next.Definition.ContentHash == strategy.Compiled.Definition.ContentHash)
        {
            return false;
        }

        try
        {
            strategy.Replace(next);
        }
        catch (ArgumentException e)
        {
            Rejected++;
            _log.LogWarning("Strategy {Name}: the edit of {File} was rejected, version {Version} ({Hash}) keeps running: {Reason}",
                running.Name, path, running.Version, running.ContentHash, e.Message);
            return false;
        }

        Reloads++;
        _log.LogInformation("Strategy {Name}: reloaded {File}: version {Old} ({OldHash}) -> {New} ({NewHash}), takes over at the next event",
            next.Definition.Name, path, running.Version, running.ContentHash, next.Definition.Version, next.Definition.ContentHash);
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (Timer t in _timers.Values)
            {
                t.Dispose();
            }
        }

        foreach (FileSystemWatcher w in _watchers)
        {
            w.Dispose();
        }
    }
}
