namespace FlashTrader.Optimisation;

/// <summary>One parameter set of a search, numbered from 0 in the search's fixed order.</summary>
public sealed record Trial(long Index, IReadOnlyList<string> Values)
{
    /// <summary>The values as --set arguments (key=value).</summary>
    public IEnumerable<string> Settings(ParameterSpace space) => space.Axes.Select((a, i) => $"{a.Key}={Values[i]}");
}
