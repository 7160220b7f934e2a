namespace FlashTrader.Storage.Import;

/// <summary>
/// Collects what an import has to say: malformed lines (fatal, or counted and sampled with skip-bad),
/// warnings (also passed to the caller as they happen) and header notes.
/// </summary>
internal sealed class ImportDiagnostics
{
    public const int MaxSamples = 10;

    private readonly Action<string>? _warn;
    private readonly List<string> _warnings = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _samples = [];

    public ImportDiagnostics(bool skipBad, Action<string>? warn)
    {
        SkipBad = skipBad;
        _warn = warn;
    }

    public bool SkipBad { get; }

    public long SkippedLines { get; private set; }

    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<string> Notes => _notes;

    public IReadOnlyList<string> SkippedSamples => _samples;

    /// <summary>A line that cannot be imported: throws, or with skip-bad counts it and keeps a sample.</summary>
    public void BadLine(string file, long line, string reason)
    {
        if (!SkipBad)
        {
            throw new ImportException(file, line, reason);
        }

        SkippedLines++;
        if (_samples.Count < MaxSamples)
        {
            _samples.Add($"{file}:{line}: {reason}");
        }
    }

    public void Warn(string message)
    {
        _warnings.Add(message);
        _warn?.Invoke(message);
    }

    /// <summary>How the importer interpreted the source; goes into the header, not to the console.</summary>
    public void Note(string message)
    {
        if (!_notes.Contains(message))
        {
            _notes.Add(message);
        }
    }
}
