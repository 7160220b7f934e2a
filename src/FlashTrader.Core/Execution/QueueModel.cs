namespace FlashTrader.Core.Execution;

/// <summary>How a resting LIMIT order advances in the queue at its price (Execution:QueueModel).</summary>
public enum QueueModel : byte
{
    /// <summary>
    /// Joins behind everything displayed at its price; only trades at the price move it forward. A level shrinking
    /// below the queue ahead caps it (what is not displayed cannot be ahead), but cancellations are otherwise assumed
    /// to be behind us.
    /// </summary>
    RiskAverse = 1,

    /// <summary>As <see cref="RiskAverse"/>, and each decrease of the level not explained by trades is, with a seeded
    /// probability equal to the share of the level ahead of us, a cancellation ahead that moves us forward.</summary>
    Probabilistic = 2,

    /// <summary>The naive model: first in line, so any trade reaching the price fills it.</summary>
    Touch = 3,
}

public static class QueueModelText
{
    public static QueueModel Parse(string name) => name switch
    {
        "RiskAverse" => QueueModel.RiskAverse,
        "Probabilistic" => QueueModel.Probabilistic,
        "Touch" => QueueModel.Touch,
        _ => throw new ArgumentException($"Execution:QueueModel: unknown queue model '{name}' (known: RiskAverse, Probabilistic, Touch)", nameof(name)),
    };
}
