using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Tests.Builders;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Market;

/// <summary>
/// One side of the book against the simplest correct model of it: a sorted dictionary of price -> quantity. The
/// chunked side must hold exactly the model's levels, best first, whatever order changes arrive in.
/// </summary>
public sealed class BookSideTests
{
    /// <summary>price × quantity changes applied in turn ("0" removes), and the side expected afterwards, best first.</summary>
    [Theory]
    [InlineData(true, "100x1, 101x2, 99x3", "101x2, 100x1, 99x3")]
    [InlineData(false, "100x1, 101x2, 99x3", "99x3, 100x1, 101x2")]
    [InlineData(true, "100x1, 100x5", "100x5")]
    [InlineData(true, "100x1, 101x2, 100x0", "101x2")]
    [InlineData(false, "100x1, 101x0", "100x1")]
    [InlineData(true, "100x0", "")]
    [InlineData(false, "100x1, 99x1, 100x0, 99x0, 98x4", "98x4")]
    public void Changes_set_absolute_quantities_and_zero_removes(bool bids, string changes, string expected)
    {
        var side = new BookSide(bids);
        foreach (PriceLevel level in Parse(changes))
        {
            side.Set(level);
        }

        Levels(side).Should().Equal(Parse(expected));
        side.Count.Should().Be(Parse(expected).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Inserts_and_removals_across_many_chunks_in_any_order_keep_the_model_s_levels(bool bids)
    {
        // Enough levels to split chunks many times over, changed in a scattered order, then mostly removed again so
        // chunks merge: the same sequence applied to the model.
        var side = new BookSide(bids);
        var model = new SortedDictionary<long, long>();
        var random = new Random(3);
        for (int step = 0; step < 20_000; step++)
        {
            long price = 100_000 + random.Next(5 * BookSide.ChunkCapacity * 20);
            long quantity = step < 12_000 ? random.Next(0, 4) : 0;
            Apply(side, model, new PriceLevel(Fixed8.FromLong(price), Fixed8.FromLong(quantity)));
        }

        Levels(side).Should().Equal(ModelLevels(model, bids));
    }

    [Fact]
    public void Every_depth_event_of_the_real_sample_leaves_both_sides_of_both_books_equal_to_the_model()
    {
        IReadOnlyList<MarketEvent> sample = SampleRecording.Load(new InstrumentSet(SampleOptions.Create().TradingPairs));
        var sides = new Dictionary<(int Symbol, bool Bids), (BookSide Side, SortedDictionary<long, long> Model)>();
        int compared = 0;
        long changes = 0;
        foreach (MarketEvent ev in sample)
        {
            if (!ev.HasLevels)
            {
                continue;
            }

            foreach (bool bids in new[] { true, false })
            {
                if (!sides.TryGetValue((ev.SymbolId, bids), out (BookSide Side, SortedDictionary<long, long> Model) pair))
                {
                    pair = (new BookSide(bids), new SortedDictionary<long, long>());
                    sides[(ev.SymbolId, bids)] = pair;
                }

                if (ev.Kind == MarketEventKind.DepthSnapshot)
                {
                    pair.Model.Clear();
                    pair.Side.Load(bids ? ev.Levels.Bids : ev.Levels.Asks);
                    foreach (PriceLevel level in bids ? ev.Levels.Bids : ev.Levels.Asks)
                    {
                        SetModel(pair.Model, level);
                    }
                }
                else
                {
                    foreach (PriceLevel level in bids ? ev.Levels.Bids : ev.Levels.Asks)
                    {
                        Apply(pair.Side, pair.Model, level);
                        changes++;
                    }
                }

                // Every side compared in full at intervals, its best level and size after every event.
                pair.Side.Count.Should().Be(pair.Model.Count);
                if (pair.Model.Count > 0)
                {
                    pair.Side.Best.Price.Raw.Should().Be(bids ? pair.Model.Keys.Last() : pair.Model.Keys.First());
                }

                if (compared++ % 500 == 0)
                {
                    Levels(pair.Side).Should().Equal(ModelLevels(pair.Model, bids));
                }
            }
        }

        changes.Should().Be(570_875, "the sample's diffs change this many levels");
        foreach (((int symbol, bool bids), (BookSide side, SortedDictionary<long, long> model)) in sides)
        {
            Levels(side).Should().Equal(ModelLevels(model, bids), $"symbol {symbol} {(bids ? "bids" : "asks")} at the end");
            for (int i = 0; i < 25; i++)
            {
                side.FromBest(i).Should().Be(ModelLevels(model, bids)[i]);
            }
        }

        sides[(0, true)].Side.Count.Should().BeGreaterThan(1_900, "BTC's bids grow far past the snapshot's 1,000 levels");
    }

    private static void Apply(BookSide side, SortedDictionary<long, long> model, PriceLevel level)
    {
        side.Set(level);
        SetModel(model, level);
    }

    private static void SetModel(SortedDictionary<long, long> model, PriceLevel level)
    {
        if (level.Quantity.IsZero)
        {
            model.Remove(level.Price.Raw);
        }
        else
        {
            model[level.Price.Raw] = level.Quantity.Raw;
        }
    }

    private static List<PriceLevel> ModelLevels(SortedDictionary<long, long> model, bool bids)
    {
        IEnumerable<KeyValuePair<long, long>> ordered = bids ? model.Reverse() : model;
        return [.. ordered.Select(kv => new PriceLevel(Fixed8.FromRaw(kv.Key), Fixed8.FromRaw(kv.Value)))];
    }

    private static List<PriceLevel> Levels(BookSide side)
    {
        var levels = new List<PriceLevel>();
        foreach (PriceLevel level in side.FromBest())
        {
            levels.Add(level);
        }

        return levels;
    }

    private static List<PriceLevel> Parse(string levels) =>
        [.. levels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l =>
        {
            string[] parts = l.Split('x');
            return new PriceLevel(Fixed8.Parse(parts[0]), Fixed8.Parse(parts[1]));
        })];
}
