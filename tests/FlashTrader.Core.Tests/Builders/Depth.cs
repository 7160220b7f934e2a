using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Tests.Builders;

/// <summary>Depth levels written as a trader reads them: "0.5@100, 3@101" is 0.5 at 100 and 3 at 101.</summary>
internal static class Depth
{
    public static DepthLevels Levels(string bids = "", string asks = "")
    {
        var levels = new DepthLevels(8);
        foreach (PriceLevel level in Parse(bids))
        {
            levels.AddBid(level);
        }

        foreach (PriceLevel level in Parse(asks))
        {
            levels.AddAsk(level);
        }

        return levels;
    }

    public static PriceLevel[] Parse(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Level)];

    public static PriceLevel Level(string quantityAtPrice)
    {
        string[] parts = quantityAtPrice.Split('@', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new FormatException($"'{quantityAtPrice}' is not quantity@price");
        }

        return new PriceLevel(Fixed8.Parse(parts[1]), Fixed8.Parse(parts[0]));
    }

    /// <summary>A book's bids, best first, in the same notation.</summary>
    public static string Bids(OrderBook book) => Describe(book.BidsFromBest);

    /// <summary>A book's asks, best first, in the same notation.</summary>
    public static string Asks(OrderBook book) => Describe(book.AsksFromBest);

    private static string Describe(BookSide.LevelsFromBest levels)
    {
        var parts = new List<string>();
        foreach (PriceLevel level in levels)
        {
            parts.Add($"{level.Quantity}@{level.Price}");
        }

        return string.Join(", ", parts);
    }
}
