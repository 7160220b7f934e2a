using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlashTrader.Control;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Control;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Strategies;

/// <summary>
/// Where an operator (the dashboard) and the file watcher change the running JSON strategies: a parameter edited at
/// runtime, another version or file, enable and disable, a new definition file of the strategies folder enlisted.
/// Every change is validated and compiled here, off the trading thread, with the JSON loader's own rules, and then
/// travels in-band through the <see cref="ControlInbox"/> as a <see cref="ControlAction.ChangeStrategy"/> command, so
/// it applies between two events and fills name the new version from the next decision on. Each is audit-logged.
/// <para>
/// The strategies folder (Strategies:Directory) is followed live: a definition file that appears is validated and
/// listed (an invalid one with its file:line:column) but not started: enabling it is an operator's act, within the
/// limit of <see cref="SignalSet.Capacity"/> strategies. A deleted file stops nothing; it is logged.
/// </para>
/// </summary>
public sealed class StrategyDesk
{
    private const int AuditKept = 100;
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly object _gate = new();
    private readonly StrategyLineup _lineup;
    private readonly SignalGenerator _generator;
    private readonly ControlInbox _inbox;
    private readonly string[] _symbols;
    private readonly ILogger _log;
    private readonly List<Seat> _seats = [];
    private readonly Dictionary<int, CompiledStrategy> _versions = [];
    private readonly SortedDictionary<string, FileState> _files = new(StringComparer.Ordinal);
    private readonly List<StrategyAuditEntry> _audit = [];

    public StrategyDesk(StrategyLineup lineup, SignalGenerator generator, ControlInbox inbox, FlashTraderOptions options, ILogger log)
    {
        _lineup = lineup;
        _generator = generator;
        _inbox = inbox;
        _log = log;
        _symbols = [.. options.TradingPairs.Select(p => p.Symbol)];
        Directory = options.Strategies.Directory is null ? null : Path.GetFullPath(options.Strategies.Directory);
        foreach ((string path, JsonSignalStrategy strategy) in lineup.Json)
        {
            byte[] source = File.Exists(path) ? File.ReadAllBytes(path) : [];
            _seats.Add(new Seat(strategy, path, source, strategy.Compiled));
            _versions[strategy.LatestId] = strategy.Compiled;
            if (InDirectory(path))
            {
                _files[path] = new FileState(strategy.Compiled, null);
            }
        }
    }

    /// <summary>The strategies folder followed live (full path), or null when none is configured.</summary>
    public string? Directory { get; }

    /// <summary>The folders whose files the watcher reports: the running definitions' and the strategies folder.</summary>
    public IReadOnlyList<string> Folders
    {
        get
        {
            lock (_gate)
            {
                return [.. _seats.Select(s => Path.GetDirectoryName(s.File)!).Append(Directory).OfType<string>().Distinct(StringComparer.Ordinal)];
            }
        }
    }

    public StrategiesView View()
    {
        lock (_gate)
        {
            var running = _seats.Select(s =>
            {
                int id = s.Strategy.LatestId;
                StrategyIdentity identity = _lineup.Catalog[id];
                CompiledStrategy version = _versions.GetValueOrDefault(id) ?? s.Strategy.Compiled;
                return new RunningStrategyView(s.Strategy.Name, identity.Version, identity.Hash, s.File, s.Strategy.Enabled, version.Definition.Parameters);
            }).ToList();
            var files = _files.Select(f => new StrategyFileView(
                Path.GetFileName(f.Key), f.Value.Compiled is not null, f.Value.Compiled?.Definition.Name, f.Value.Compiled?.Definition.Version,
                f.Value.Compiled?.Definition.ContentHash, f.Value.Error, _seats.Exists(s => s.File == f.Key))).ToList();
            return new StrategiesView(running, files, [.. _audit], Directory, SignalSet.Capacity);
        }
    }

    /// <summary>The enabled strategies as "name version", the version their decisions are made with.</summary>
    public IReadOnlyList<string> EnabledLineup()
    {
        lock (_gate)
        {
            return [.. _seats.Where(s => s.Strategy.Enabled).Select(s => $"{s.Strategy.Name} {_lineup.Catalog[s.Strategy.LatestId].Version}")];
        }
    }

    /// <summary>
    /// Sets named parameters of a running strategy from a JSON object such as {"threshold": 0.25}: each must be one the
    /// definition declares and a finite number; the edited definition goes through the JSON loader and compiler like
    /// a file, and runs as version "&lt;version&gt;+runtime.N" with the hash of its content. Not written to disk.
    /// </summary>
    public IReadOnlyList<StrategyChangeError> SetParameters(string name, JsonElement body, string origin)
    {
        lock (_gate)
        {
            if (!TryFind(name, out Seat? seat, out StrategyChangeError? missing))
            {
                return [missing];
            }

            StrategyDefinition running = seat.Latest.Definition;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return [new("parameters", "the body must be a JSON object of parameter names and numbers, e.g. {\"threshold\": 0.25}")];
            }

            var errors = new List<StrategyChangeError>();
            var values = new List<(string Name, string Raw, double Value)>();
            foreach (JsonProperty p in body.EnumerateObject())
            {
                string key = "parameters." + p.Name;
                if (!running.Parameters.ContainsKey(p.Name))
                {
                    errors.Add(new(key, $"is not a parameter of strategy '{name}' (declared: {string.Join(", ", running.Parameters.Keys.Order(StringComparer.Ordinal))})"));
                }
                else if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out double value) || !double.IsFinite(value))
                {
                    errors.Add(new(key, $"must be a finite number, not {p.Value.GetRawText()}"));
                }
                else
                {
                    values.Add((p.Name, p.Value.GetRawText(), value));
                }
            }

            if (errors.Count == 0 && values.Count == 0)
            {
                errors.Add(new("parameters", "no parameter given, e.g. {\"threshold\": 0.25}"));
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            JsonNode root;
            try
            {
                root = JsonNode.Parse(seat.Source, documentOptions: Lenient) ?? throw new JsonException("empty definition");
            }
            catch (JsonException e)
            {
                return [new("parameters", $"the running definition of '{name}' ({seat.File}) cannot be edited: {e.Message}")];
            }

            foreach ((string p, string raw, _) in values)
            {
                root["parameters"]![p] = JsonNode.Parse(raw);
            }

            int edit = seat.Edits + 1;
            string baseVersion = running.Version;
            int mark = baseVersion.IndexOf("+runtime.", StringComparison.Ordinal);
            root["version"] = (mark >= 0 ? baseVersion[..mark] : baseVersion) + "+runtime." + edit.ToString(CultureInfo.InvariantCulture);
            byte[] source = JsonSerializer.SerializeToUtf8Bytes(root, Indented);
            CompiledStrategy next;
            try
            {
                next = CompiledStrategy.Compile(StrategyJsonLoader.Load(source, seat.File + " (runtime edit)"), _lineup.Calendar);
                seat.Strategy.CheckPairs(next);
            }
            catch (Exception e) when (e is StrategyDefinitionException or ArgumentException)
            {
                return [new(values.Count == 1 ? "parameters." + values[0].Name : "parameters", e.Message)];
            }

            string change = string.Join(", ", values.Select(v => $"parameters.{v.Name} {Number(running.Parameters[v.Name])} -> {Number(v.Value)}"))
                + "; " + Transition(running, next.Definition);
            (seat.Source, seat.Edits, seat.Latest) = (source, edit, next);
            Submit(seat, StrategyChangeKind.NewVersion, next, origin, change);
            return [];
        }
    }

    /// <summary>Runs <paramref name="file"/> (a definition of the strategies folder defining the same strategy) in place of the running version.</summary>
    public IReadOnlyList<StrategyChangeError> Switch(string name, string file, string origin)
    {
        lock (_gate)
        {
            if (!TryFind(name, out Seat? seat, out StrategyChangeError? missing))
            {
                return [missing];
            }

            if (!TryResolve(file, out string path, out StrategyChangeError? outside))
            {
                return [outside];
            }

            if (!TryLoad(path, out CompiledStrategy? next, out byte[] source, out string? error))
            {
                return [new("file", error)];
            }

            if (next.Definition.Name != seat.Strategy.Name)
            {
                return [new("file", $"{Path.GetFileName(path)} defines strategy '{next.Definition.Name}', not '{name}'")];
            }

            try
            {
                seat.Strategy.CheckPairs(next);
            }
            catch (ArgumentException e)
            {
                return [new("file", e.Message)];
            }

            string change = $"switched to {path}: " + Transition(seat.Latest.Definition, next.Definition);
            (seat.File, seat.Source, seat.Edits, seat.Latest) = (path, source, 0, next);
            Submit(seat, StrategyChangeKind.NewVersion, next, origin, change);
            return [];
        }
    }

    public IReadOnlyList<StrategyChangeError> SetEnabled(string name, bool enabled, string origin)
    {
        lock (_gate)
        {
            if (!TryFind(name, out Seat? seat, out StrategyChangeError? missing))
            {
                return [missing];
            }

            Submit(seat, enabled ? StrategyChangeKind.Enable : StrategyChangeKind.Disable, null, origin,
                (enabled ? "enabled" : "disabled") + $" (version {seat.Latest.Definition.Version}, {seat.Latest.Definition.ContentHash})");
            return [];
        }
    }

    /// <summary>
    /// Starts a definition file of the strategies folder that is not running (one that appeared while running): it
    /// joins the signal generator between two events and is enabled in-band. Refused beyond the strategy limit.
    /// </summary>
    public IReadOnlyList<StrategyChangeError> EnableFile(string file, string origin)
    {
        lock (_gate)
        {
            if (!TryResolve(file, out string path, out StrategyChangeError? outside))
            {
                return [outside];
            }

            if (_seats.Find(s => s.File == path) is { } seated)
            {
                return SetEnabled(seated.Strategy.Name, true, origin);
            }

            if (!TryLoad(path, out CompiledStrategy? compiled, out byte[] source, out string? error))
            {
                _files[path] = new FileState(null, error);
                return [new("file", error)];
            }

            _files[path] = new FileState(compiled, null);
            string name = compiled.Definition.Name;
            if (_seats.Find(s => s.Strategy.Name == name) is { } same)
            {
                return [new("file", $"strategy '{name}' already runs (from {same.File}): switch it to this file instead (POST /api/strategies/{name}/switch)")];
            }

            int count = _generator.Count;
            if (count >= SignalSet.Capacity)
            {
                return [new("file", $"{Path.GetFileName(path)}: at most {SignalSet.Capacity} strategies can run at once ({count} already do, built-ins included)")];
            }

            JsonSignalStrategy strategy;
            try
            {
                strategy = new JsonSignalStrategy(compiled, _symbols, _lineup.Catalog, _lineup.Rules) { Enabled = false };
                _generator.Enlist(strategy);
            }
            catch (ArgumentException e)
            {
                return [new("file", $"{Path.GetFileName(path)}: {e.Message}")];
            }

            var seat = new Seat(strategy, path, source, compiled);
            _seats.Add(seat);
            _versions[strategy.LatestId] = compiled;
            Submit(seat, StrategyChangeKind.Enable, null, origin, $"started from {path}: version {compiled.Definition.Version} ({compiled.Definition.ContentHash})");
            return [];
        }
    }

    /// <summary>
    /// A file of a watched folder was written (the watcher calls this once it has been quiet): a running definition is
    /// reloaded (hot swap; a broken edit keeps the running version and is logged); a new file of the strategies
    /// folder is validated and listed.
    /// </summary>
    public void OnFileChanged(string path)
    {
        path = Path.GetFullPath(path);
        lock (_gate)
        {
            if (_seats.Find(s => s.File == path) is { } seat)
            {
                Reload(seat);
                return;
            }

            if (!InDirectory(path))
            {
                return;
            }

            bool known = _files.ContainsKey(path);
            if (TryLoad(path, out CompiledStrategy? compiled, out _, out string? error))
            {
                StrategyDefinition d = compiled.Definition;
                _files[path] = new FileState(compiled, null);
                _log.LogInformation("Strategy file {File} {Event}: {Name} {Version} ({Hash}) is valid; not started (enable it from the dashboard: POST /api/strategy-files/{FileName}/enable)",
                    path, known ? "changed" : "appeared", d.Name, d.Version, d.ContentHash, Path.GetFileName(path));
            }
            else
            {
                _files[path] = new FileState(null, error);
                _log.LogWarning("Strategy file {File} {Event} and is invalid; running strategies are not affected: {Reason}", path, known ? "changed" : "appeared", error);
            }
        }
    }

    /// <summary>A file of a watched folder was deleted: nothing stops; it is logged, and leaves the folder's list.</summary>
    public void OnFileDeleted(string path)
    {
        path = Path.GetFullPath(path);
        lock (_gate)
        {
            bool listed = _files.Remove(path);
            if (_seats.Find(s => s.File == path) is { } seat)
            {
                StrategyDefinition d = seat.Latest.Definition;
                _log.LogWarning("Strategy {Name}: its file {File} was deleted; version {Version} ({Hash}) keeps running (disable it from the dashboard to stop its signals)",
                    seat.Strategy.Name, path, d.Version, d.ContentHash);
            }
            else if (listed)
            {
                _log.LogInformation("Strategy file {File} was deleted from the strategies folder (it was not running)", path);
            }
        }
    }

    private void Reload(Seat seat)
    {
        StrategyDefinition running = seat.Latest.Definition;
        if (!TryLoad(seat.File, out CompiledStrategy? next, out byte[] source, out string? error))
        {
            if (InDirectory(seat.File))
            {
                _files[seat.File] = new FileState(null, error);
            }

            _log.LogWarning("Strategy {Name}: the edit of {File} was rejected, version {Version} ({Hash}) keeps running: {Reason}",
                running.Name, seat.File, running.Version, running.ContentHash, error);
            return;
        }

        if (next.Definition.ContentHash == running.ContentHash)
        {
            return; // saved twice, or saved unchanged
        }

        try
        {
            seat.Strategy.CheckPairs(next);
        }
        catch (ArgumentException e)
        {
            _log.LogWarning("Strategy {Name}: the edit of {File} was rejected, version {Version} ({Hash}) keeps running: {Reason}",
                running.Name, seat.File, running.Version, running.ContentHash, e.Message);
            return;
        }

        if (InDirectory(seat.File))
        {
            _files[seat.File] = new FileState(next, null);
        }

        (seat.Source, seat.Edits, seat.Latest) = (source, 0, next);
        Submit(seat, StrategyChangeKind.NewVersion, next, "file watcher", $"file {seat.File} edited: " + Transition(running, next.Definition));
        _log.LogInformation("Strategy {Name}: reloaded {File}: version {Old} ({OldHash}) -> {New} ({NewHash}), takes over at the next event",
            next.Definition.Name, seat.File, running.Version, running.ContentHash, next.Definition.Version, next.Definition.ContentHash);
    }

    private void Submit(Seat seat, StrategyChangeKind kind, CompiledStrategy? next, string origin, string change)
    {
        if (next is not null)
        {
            // The id the version will run under (the catalog gives the same one when the strategy registers it).
            StrategyDefinition d = next.Definition;
            _versions[_lineup.Catalog.Register(d.Name, d.Version, d.ContentHash)] = next;
        }

        _inbox.Submit(new ControlCommand(ControlAction.ChangeStrategy, origin, Strategy: new StrategyChange(seat.Strategy, kind, next, change)));
        if (_audit.Count == AuditKept)
        {
            _audit.RemoveAt(0);
        }

        _audit.Add(new StrategyAuditEntry(DateTimeOffset.UtcNow, origin, seat.Strategy.Name, change));
        _log.LogWarning("Audit: strategy {Name} change requested by {Origin}: {Change}", seat.Strategy.Name, origin, change);
    }

    private bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Seat? seat, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out StrategyChangeError? error)
    {
        seat = _seats.Find(s => s.Strategy.Name == name);
        error = seat is null
            ? new StrategyChangeError("name", $"no JSON strategy '{name}' is running (running: {(_seats.Count == 0 ? "none" : string.Join(", ", _seats.Select(s => s.Strategy.Name)))})")
            : null;
        return seat is not null;
    }

    private bool TryResolve(string file, out string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out StrategyChangeError? error)
    {
        path = string.Empty;
        error = null;
        if (Directory is null)
        {
            error = new("file", "no strategies folder is configured (Strategies:Directory)");
            return false;
        }

        if (string.IsNullOrWhiteSpace(file) || file.Contains('/', StringComparison.Ordinal) || file.Contains('\\', StringComparison.Ordinal) || !file.EndsWith(".json", StringComparison.Ordinal))
        {
            error = new("file", $"'{file}' is not the name of a *.json file of the strategies folder {Directory}");
            return false;
        }

        path = Path.Combine(Directory, file);
        if (!File.Exists(path))
        {
            error = new("file", $"{file} is not in the strategies folder {Directory}");
            return false;
        }

        return true;
    }

    private bool TryLoad(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CompiledStrategy? compiled, out byte[] source, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        (compiled, source, error) = (null, [], null);
        try
        {
            source = File.ReadAllBytes(path);
            compiled = CompiledStrategy.Compile(StrategyJsonLoader.Load(source, path), _lineup.Calendar);
            return true;
        }
        catch (Exception e) when (e is StrategyDefinitionException or IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }

    private bool InDirectory(string path) =>
        Directory is not null && string.Equals(Path.GetDirectoryName(path), Directory, StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal);

    private static string Transition(StrategyDefinition from, StrategyDefinition to) =>
        $"version {from.Version} ({from.ContentHash}) -> {to.Version} ({to.ContentHash})";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A running JSON strategy and what the desk knows of it: the file and content its latest version came from.</summary>
    private sealed class Seat(JsonSignalStrategy strategy, string file, byte[] source, CompiledStrategy latest)
    {
        public JsonSignalStrategy Strategy { get; } = strategy;

        public string File { get; set; } = file;

        public byte[] Source { get; set; } = source;

        public CompiledStrategy Latest { get; set; } = latest;

        /// <summary>Runtime parameter edits since the file was last loaded.</summary>
        public int Edits { get; set; }
    }

    private sealed record FileState(CompiledStrategy? Compiled, string? Error);
}
