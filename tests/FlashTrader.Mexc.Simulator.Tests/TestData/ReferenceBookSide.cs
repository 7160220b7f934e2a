using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Simulator.Tests.TestData;

/// <summary>A plain sorted map as the reference book side a client keeps: REST snapshot levels in, pushed diffs applied.</summary>
public static class ReferenceBookSide
{
    /// <summary>Loads a REST depth snapshot's [price, quantity] string pairs.</summary>
    public static void Load(SortedDictionary<Fixed8, Fixed8> side, JsonElement levels)
    {
        foreach (JsonElement level in levels.EnumerateArray())
        {
            side[Fixed8.Parse(level[0].GetString()!)] = Fixed8.Parse(level[1].GetString()!);
        }
    }

    /// <summary>Applies a diff's levels: a zero quantity removes the price.</summary>
    public static void Apply(SortedDictionary<Fixed8, Fixed8> side, List<PriceLevel> levels)
    {
        foreach (PriceLevel level in levels)
        {
            if (level.Quantity.IsZero)
            {
                side.Remove(level.Price);
            }
            else
            {
                side[level.Price] = level.Quantity;
            }
        }
    }
}
