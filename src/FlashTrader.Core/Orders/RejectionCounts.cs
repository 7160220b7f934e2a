namespace FlashTrader.Core.Orders;

/// <summary>Refused orders counted by reason, without allocating per refusal.</summary>
public sealed class RejectionCounts
{
    private readonly long[] _counts = new long[RejectReasonText.Count];

    public long Total { get; private set; }

    public long this[RejectReason reason] => _counts[(int)reason];

    public void Add(RejectReason reason)
    {
        _counts[(int)reason]++;
        Total++;
    }

    /// <summary>Non-zero counts keyed by the reason's camelCase name, in name order (for summaries).</summary>
    public IReadOnlyDictionary<string, long> ByName()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int i = 1; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                result[((RejectReason)i).ToKey()] = _counts[i];
            }
        }

        return result;
    }
}
