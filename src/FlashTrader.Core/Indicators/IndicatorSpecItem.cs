namespace FlashTrader.Core.Indicators;

/// <summary>One parsed item of an <see cref="IndicatorSpec"/>, e.g. "macd(12,26,9)".</summary>
public sealed class IndicatorSpecItem
{
    private readonly Func<IReadOnlyList<double>, IBarIndicator> _factory;

    internal IndicatorSpecItem(string text, int position, string name, IReadOnlyList<double> parameters, IReadOnlyList<string> outputNames, Func<IReadOnlyList<double>, IBarIndicator> factory)
    {
        Text = text;
        Position = position;
        Name = name;
        Parameters = parameters;
        OutputNames = outputNames;
        _factory = factory;
    }

    /// <summary>The item as written (trimmed): the base of its output column names.</summary>
    public string Text { get; }

    /// <summary>0-based character offset of the item in the spec string.</summary>
    public int Position { get; }

    /// <summary>Lower-case indicator name, e.g. "macd".</summary>
    public string Name { get; }

    public IReadOnlyList<double> Parameters { get; }

    /// <summary>Output column names: <see cref="Text"/>, or Text plus ".macd"/".signal"/".hist" and the like.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>A new streaming indicator for this item (one per series).</summary>
    public IBarIndicator CreateIndicator() => _factory(Parameters);
}
