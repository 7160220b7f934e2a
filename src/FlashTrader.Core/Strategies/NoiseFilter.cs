namespace FlashTrader.Core.Strategies;

/// <summary>
/// A rule counts only once it has held on <see cref="Events"/> consecutive evaluations and for at least
/// <see cref="Milliseconds"/> of event time. The default (1 event, 0 ms) counts a rule as soon as it holds.
/// </summary>
public readonly record struct NoiseFilter(int Events, long Milliseconds)
{
    public static NoiseFilter None { get; } = new(1, 0);
}
