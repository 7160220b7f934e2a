using System.Globalization;
using FlashTrader.Cli;

namespace FlashTrader.Optimisation;

/// <summary>
/// Which trials a search runs, computed from the trial number alone (nothing is listed in memory): the grid in
/// mixed-radix order (the last key varies fastest), or random draws from a generator seeded by the search seed and the
/// trial number, so a trial's parameters never depend on which thread, shard or machine runs it. A shard i/n runs the
/// trials whose number is i modulo n.
/// </summary>
public sealed class TrialPlan
{
    public TrialPlan(ParameterSpace space, int? random, int seed, int shard = 0, int shards = 1)
    {
        if (random is null && space.HasContinuousAxis)
        {
            ParameterAxis axis = space.Axes.First(a => a.IsContinuous);
            throw new UsageException($"--grid: \"{axis.Key}\" is a continuous range (no step): give --random N, or a step");
        }

        if (random is <= 0)
        {
            throw new UsageException("--random: the number of trials must be 1 or more");
        }

        if (shards < 1 || shard < 0 || shard >= shards)
        {
            throw new UsageException($"--shard: {shard}/{shards} is not a shard (i/n with 0 <= i < n)");
        }

        Space = space;
        Random = random;
        Seed = seed;
        Shard = shard;
        Shards = shards;
        Total = random ?? space.GridSize;
        Count = Total <= shard ? 0 : ((Total - shard - 1) / shards) + 1;
    }

    public ParameterSpace Space { get; }

    public int? Random { get; }

    public int Seed { get; }

    public int Shard { get; }

    public int Shards { get; }

    public string Search => Random is null ? "grid" : "random";

    /// <summary>Trials in the whole search (all shards).</summary>
    public long Total { get; }

    /// <summary>Trials in this shard.</summary>
    public long Count { get; }

    /// <summary>The k-th trial of this shard.</summary>
    public Trial this[long k] => Create(Shard + (k * Shards));

    public Trial Create(long index)
    {
        IReadOnlyList<ParameterAxis> axes = Space.Axes;
        string[] values = new string[axes.Count];
        if (Random is null)
        {
            long rest = index;
            for (int i = axes.Count - 1; i >= 0; i--)
            {
                values[i] = axes[i].Values[(int)(rest % axes[i].Values.Count)];
                rest /= axes[i].Values.Count;
            }
        }
        else
        {
            var rng = new Random(TrialSeed(Seed, index));
            for (int i = 0; i < axes.Count; i++)
            {
                ParameterAxis a = axes[i];
                values[i] = a.IsContinuous
                    ? (decimal.Round((decimal)(a.Min + (rng.NextDouble() * (a.Max - a.Min))), 6) / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
                    : a.Values[rng.Next(a.Values.Count)];
            }
        }

        return new Trial(index, values);
    }

    /// <summary>SplitMix64 of (seed, trial): independent, well-mixed generator seeds.</summary>
    private static int TrialSeed(int seed, long index)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return unchecked((int)z);
    }
}
