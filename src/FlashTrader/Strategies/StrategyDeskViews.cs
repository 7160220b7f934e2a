namespace FlashTrader.Strategies;

/// <summary>The strategies as GET /api/strategies shows them: the JSON strategies running, the definition files of Strategies:Directory, and the changes made.</summary>
public sealed record StrategiesView(
    IReadOnlyList<RunningStrategyView> Running,
    IReadOnlyList<StrategyFileView> Files,
    IReadOnlyList<StrategyAuditEntry> Changes,
    string? Directory,
    int Capacity);

/// <param name="Name">The strategy (what the change endpoints take).</param>
/// <param name="Version">Version of the definition last handed over; a runtime parameter edit reads "1.0.0+runtime.1".</param>
/// <param name="Hash">Content hash of that definition, as fills.csv's strategyHash records it.</param>
/// <param name="File">The file it came from (a runtime edit keeps naming the file it edited).</param>
/// <param name="Enabled">False: no signals (its indicators keep up with the market).</param>
/// <param name="Parameters">Its named parameters, the ones POST /api/strategies/{name}/parameters changes.</param>
public sealed record RunningStrategyView(string Name, string Version, string Hash, string File, bool Enabled, IReadOnlyDictionary<string, double> Parameters);

/// <summary>A definition file of the strategies folder: valid (with its identity) or not (with the error's file:line:column).</summary>
public sealed record StrategyFileView(string File, bool Valid, string? Name, string? Version, string? Hash, string? Error, bool Running);

/// <summary>One operator change of a strategy, as requested (it applies between two events, in-band).</summary>
public sealed record StrategyAuditEntry(DateTimeOffset At, string Origin, string Strategy, string Change);

/// <summary>A rejected change: the key at fault (parameters.threshold, file, name) and what is wrong.</summary>
public sealed record StrategyChangeError(string Key, string Problem);
