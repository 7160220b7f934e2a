namespace FlashTrader.Core.Configuration;

/// <summary>
/// Execution:Latency. Each leg is <see cref="EntryMs"/> / <see cref="ResponseMs"/> exactly (Constant), that plus up to
/// <see cref="JitterMs"/> (Uniform), or that as the median of a lognormal with shape <see cref="Sigma"/> (LogNormal).
/// Draws come from <see cref="Seed"/>, so a replay is the same every time.
/// </summary>
public sealed class LatencyOptions
{
    /// <summary>From the decision to the matching engine.</summary>
    public double EntryMs { get; set; } = 5;

    /// <summary>From the matching engine back to the strategy (acknowledgements, fills, cancels).</summary>
    public double ResponseMs { get; set; } = 5;

    /// <summary>Constant, Uniform or LogNormal.</summary>
    public string Distribution { get; set; } = "Constant";

    public double JitterMs { get; set; }

    public double Sigma { get; set; } = 0.5;

    public int Seed { get; set; } = 7;
}
