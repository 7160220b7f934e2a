namespace FlashTrader.Strategies;

/// <summary>
/// Follows the folders of the running strategy definitions and the strategies folder: once a *.json file has been
/// quiet for the debounce period (editors write in several steps), it tells the <see cref="StrategyDesk"/>, which
/// reloads a running definition (hot swap, in-band) or validates and lists a new file; a file gone by then is
/// reported as deleted. Runs off the trading thread.
/// </summary>
public sealed class StrategyFileWatcher : IDisposable
{
    private readonly StrategyDesk _desk;
    private readonly TimeSpan _debounce;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Dictionary<string, Timer> _timers = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _disposed;

    public StrategyFileWatcher(StrategyDesk desk, TimeSpan debounce)
    {
        _desk = desk;
        _debounce = debounce;
        foreach (string folder in desk.Folders)
        {
            var watcher = new FileSystemWatcher(folder, "*.json")
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += (_, e) =>
            {
                Schedule(e.OldFullPath);
                Schedule(e.FullPath);
            };
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => Schedule(e.FullPath);

    private void Schedule(string path)
    {
        if (!path.EndsWith(".json", StringComparison.Ordinal))
        {
            return; // the old name of an editor's temporary file
        }

        path = Path.GetFullPath(path);
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
                _timers[path] = new Timer(_ => Settle(path), null, _debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Settle(string path)
    {
        if (File.Exists(path))
        {
            _desk.OnFileChanged(path);
        }
        else
        {
            _desk.OnFileDeleted(path);
        }
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
