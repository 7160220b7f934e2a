namespace FlashTrader.Core.Configuration;

/// <summary>
/// JSON strategy definitions to run (section "Strategies"), after the built-ins of SignalGeneration:Strategies.
/// Empty by default: the shipped definitions in config/strategies are opt-in.
/// </summary>
public sealed class StrategyOptions
{
    /// <summary>Definition files (relative paths are taken from the working directory).</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>A folder whose *.json files are all run, in name order (after <see cref="Files"/>).</summary>
    public string? Directory { get; set; }

    /// <summary>Reload a definition when its file changes, between events, without a restart.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>Quiet period after the last change before a file is reloaded (editors write in several steps).</summary>
    public int DebounceMs { get; set; } = 200;
}
