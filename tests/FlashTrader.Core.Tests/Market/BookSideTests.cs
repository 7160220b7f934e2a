using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Tests.Builders;
using FlashTrader.Core.Tests.TestData;
using FlashTrader.Tests.Shared;

namespace FlashTrader.Core.Tests.Market;

/// <summary>
/// One side of the book against the simplest correct model of it: a sorted dictionary of price -> quantity. The
/// ladder (with its far store, re-centring and learned tick) must hold exactly the model's levels, best first,
/// whatever order changes arrive in and wherever their prices fall.
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
    [InlineData(true, "100.01x1, 100x2, 100.005x3, 100.005x0, 100.005x0", "100.01x1, 100x2")]
    [InlineData(false, "0.00000001x1, 92233720368x2, 50000x3", "0.00000001x1, 50000x3, 92233720368x2")]
    public void Changes_set_absolute_quantities_and_zero_removes(bool bids, string changes, string expected)
    {
        var side = new BookSide(bids);
        foreach (PriceLevel level in Parse(changes))
        {
            side.Set(level);
        }

        Levels(side).Should().Equal(Parse(expected));
        side.Count.Should().Be(Parse(expected).Length);
        side.Best.Should().Be(Parse(expected).FirstOrDefault());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Inserts_and_removals_in_any_order_keep_the_model_s_levels(bool bids)
    {
        // Scattered over 50 windows of 64 ticks, then mostly removed again: the same sequence applied to the model.
        var side = new BookSide(bids, Fixed8.One, windowLevels: 64);
        var model = new SortedDictionary<long, long>();
        var random = new Random(3);
        for (int step = 0; step < 20_000; step++)
        {
            long price = 100_000 + random.Next(3_200);
            long quantity = step < 12_000 ? random.Next(0, 4) : 0;
            Apply(side, model, new PriceLevel(Fixed8.FromLong(price), Fixed8.FromLong(quantity)));
            side.Count.Should().Be(model.Count);
        }

        Levels(side).Should().Equal(ModelLevels(model, bids));
        side.Recentres.Should().BeGreaterThan(1, "the best moved out of the first window");
    }

    [Theory]
    [InlineData(true, 64)]
    [InlineData(false, 64)]
    [InlineData(true, 1024)]
    [InlineData(false, BookSide.DefaultWindowLevels)]
    public void A_market_that_wanders_over_many_windows_with_far_and_off_grid_levels_keeps_the_model_s_levels(bool bids, int window)
    {
        // A mid price random-walking over ~60 windows (both ways), levels set and removed around it, far levels on both
        // ends, prices off the 0.01 grid, and removals of levels that are not there.
        var side = new BookSide(bids, Fixed8.Parse("0.01"), window);
        var model = new SortedDictionary<long, long>();
        var random = new Random(window + (bids ? 1 : 0));
        long tick = Fixed8.Parse("0.01").Raw;
        long mid = 50_000 * Fixed8.Scale;
        long span = 60L * window * tick;
        for (int step = 0; step < 40_000; step++)
        {
            mid += random.Next(-window / 4, window / 4 + 1) * tick;
            mid = Math.Clamp(mid, 50_000 * Fixed8.Scale - span / 2, 50_000 * Fixed8.Scale + span / 2);
            long price = random.Next(10) switch
            {
                0 => mid + (random.Next(2) == 0 ? -1 : 1) * random.NextInt64(window, 20L * window) * tick,
                1 => mid + random.Next(-window / 2, window / 2) * tick + tick / 2,
                2 => mid + random.Next(-window / 2, window / 2) * tick,
                _ => mid + (bids ? -1 : 1) * random.Next(0, window) * tick,
            };
            long quantity = random.Next(3) == 0 ? 0 : random.Next(1, 1_000) * 1_000;
            Apply(side, model, new PriceLevel(Fixed8.FromRaw(price), Fixed8.FromRaw(quantity)));

            side.Count.Should().Be(model.Count);
            side.Best.Should().Be(ModelBest(model, bids), $"step {step}");
            if (step % 97 == 0)
            {
                List<PriceLevel> now = ModelLevels(model, bids);
                Levels(side).Should().Equal(now, $"step {step}");
                // Depth over the best n: off-grid levels between the ladder's levels and far ones past a short ladder count.
                foreach (int n in (int[])[0, 1, 3, 10])
                {
                    side.DepthQuantity(n).Raw.Should().Be(now.Take(n).Sum(l => l.Quantity.Raw), $"step {step}, depth {n}");
                }
            }
        }

        List<PriceLevel> expected = ModelLevels(model, bids);
        Levels(side).Should().Equal(expected);
        for (int i = 0; i < 40; i++)
        {
            side.FromBest(i).Should().Be(i < expected.Count ? expected[i] : default);
        }

        side.DepthQuantity(10).Raw.Should().Be(expected.Take(10).Sum(l => l.Quantity.Raw));
        side.TickSize.Should().Be(Fixed8.Parse("0.005"), "a tenth of the levels fall on half ticks: enough to teach the finer tick");
        side.FarCount.Should().BePositive("far and off-grid levels are held outside the ladder");
        side.Recentres.Should().BeGreaterThanOrEqualTo(5, "the market crossed several windows");
    }

    /// <summary>
    /// Depth over the best n levels counts the levels held beside the ladder where they rank: an off-grid level between
    /// the ladder's levels, and a far one once the ladder runs short.
    /// </summary>
    [Theory]
    [InlineData(true, "100x1, 99.99x2, 99.98x4, 99.995x8, 90x16")]
    [InlineData(false, "100x1, 100.01x2, 100.02x4, 100.005x8, 110x16")]
    public void Depth_counts_the_levels_beside_the_ladder_where_they_rank(bool bids, string levels)
    {
        var side = new BookSide(bids, Fixed8.Parse("0.01"), windowLevels: 64);
        foreach (PriceLevel level in Parse(levels))
        {
            side.Set(level);
        }

        side.FarCount.Should().Be(2, "the half-tick level is off the grid and the last is more than a window from the best");
        side.DepthQuantity(1).Should().Be(Fixed8.FromLong(1));
        side.DepthQuantity(2).Should().Be(Fixed8.FromLong(9), "the off-grid level is the second best");
        side.DepthQuantity(4).Should().Be(Fixed8.FromLong(15));
        side.DepthQuantity(5).Should().Be(Fixed8.FromLong(31), "the ladder's three levels and the two beside it");
        side.DepthQuantity(10).Should().Be(Fixed8.FromLong(31));
    }

    [Fact]
    public void A_new_best_beyond_the_window_moves_the_window_and_the_old_levels_keep_their_order()
    {
        var side = new BookSide(bids: true, Fixed8.One, windowLevels: 64);
        side.Load(Parse("100x1, 99x2, 40x3"));
        side.Recentres.Should().Be(1);
        side.FarCount.Should().Be(1, "40 is more than a window below the best");

        side.Set(Level("200x4"));

        side.Recentres.Should().Be(2);
        Levels(side).Should().Equal(Parse("200x4, 100x1, 99x2, 40x3"));
        side.FarCount.Should().Be(3, "the window moved to 200; the old levels now lie far below it");

        side.Set(Level("200x0"));

        Levels(side).Should().Equal(Parse("100x1, 99x2, 40x3"));
        side.Recentres.Should().Be(3, "with the best gone the window returns to the new best");
        side.FarCount.Should().Be(1);
    }

    [Fact]
    public void A_best_that_drifts_to_the_far_end_of_the_window_brings_the_window_down()
    {
        var side = new BookSide(bids: false, Fixed8.One, windowLevels: 64);
        side.Load(Parse("100x1, 110x1, 120x1, 130x1, 140x1, 150x1"));
        long placed = side.Recentres;

        // Asks: the best is the lowest; removing from the bottom walks the best up through the window.
        foreach (string price in new[] { "100", "110", "120", "130" })
        {
            side.Set(Level(price + "x0"));
        }

        Levels(side).Should().Equal(Parse("140x1, 150x1"));
        side.Recentres.Should().BeGreaterThan(placed);
        side.FarCount.Should().Be(0);
    }

    [Fact]
    public void Removing_a_level_that_is_not_there_changes_nothing_in_the_ladder_the_far_store_or_off_grid()
    {
        var side = new BookSide(bids: true, Fixed8.One, windowLevels: 64);
        side.Load(Parse("100x1, 90x2, 10x3"));
        long recentres = side.Recentres;

        foreach (string absent in new[] { "95x0", "11x0", "1000x0", "100.5x0", "-5x0", "0x0" })
        {
            side.Set(Level(absent));
        }

        Levels(side).Should().Equal(Parse("100x1, 90x2, 10x3"));
        side.Recentres.Should().Be(recentres);
    }

    [Fact]
    public void Enough_levels_off_the_tick_grid_teach_the_finer_tick_and_move_into_the_ladder()
    {
        var side = new BookSide(bids: true, Fixed8.Parse("0.01"));
        var model = new SortedDictionary<long, long>();
        Apply(side, model, Level("100x1"));
        for (int i = 1; i < BookSide.OffGridLevelsToRelearn; i++)
        {
            Apply(side, model, new PriceLevel(Fixed8.Parse("99.995") - Fixed8.FromRaw(i * 1_000_000L), Fixed8.One));
        }

        side.TickSize.Should().Be(Fixed8.Parse("0.01"));
        side.FarCount.Should().Be(BookSide.OffGridLevelsToRelearn - 1, "off-grid levels wait beside the ladder, exact");

        Apply(side, model, Level("100.005x7"));

        side.TickSize.Should().Be(Fixed8.Parse("0.005"));
        side.FarCount.Should().Be(0);
        Levels(side).Should().Equal(ModelLevels(model, bids: true));
        side.Best.Should().Be(Level("100.005x7"));
    }

    [Fact]
    public void A_side_given_no_tick_learns_it_from_its_snapshot()
    {
        var side = new BookSide(bids: false);
        side.TickSize.Should().Be(Fixed8.Zero);

        side.Load(Parse("100.5x1, 101x2, 103.5x3"));

        side.TickSize.Should().Be(Fixed8.Parse("0.5"));
        side.FarCount.Should().Be(0);
        Levels(side).Should().Equal(Parse("100.5x1, 101x2, 103.5x3"));
    }

    [Fact]
    public void A_snapshot_reload_replaces_every_level_and_places_the_window_on_its_best()
    {
        var side = new BookSide(bids: true, Fixed8.One, windowLevels: 64);
        side.Load(Parse("100x1, 99x2, 5x3, 1000.5x9"));
        side.TickSize.Should().Be(Fixed8.Parse("0.5"), "a snapshot teaches the step its prices share");
        side.FarCount.Should().Be(3, "the window sits on the best, 1000.5; the rest lie more than 64 half-steps below");

        side.Load(Parse("5000x1, 4990x2, 4000x3"));

        Levels(side).Should().Equal(Parse("5000x1, 4990x2, 4000x3"));
        side.FarCount.Should().Be(1);
        side.Set(Level("4999x4"));
        Levels(side).Should().Equal(Parse("5000x1, 4999x4, 4990x2, 4000x3"));
    }

    [Fact]
    public void Bad_settings_are_refused_naming_the_parameter()
    {
        FluentActions.Invoking(() => new BookSide(true, Fixed8.Parse("-0.01"))).Should()
            .Throw<ArgumentOutOfRangeException>().WithParameterName("tickSize");
        FluentActions.Invoking(() => new BookSide(true, Fixed8.One, windowLevels: 1000)).Should()
            .Throw<ArgumentOutOfRangeException>().WithParameterName("windowLevels");
        FluentActions.Invoking(() => new BookSide(true, Fixed8.One, windowLevels: 32)).Should()
            .Throw<ArgumentOutOfRangeException>().WithParameterName("windowLevels");
    }

    [Theory]
    [InlineData(BookSide.DefaultWindowLevels)]
    [InlineData(1024)]
    [InlineData(64)]
    public void Every_depth_event_of_the_real_sample_leaves_both_sides_of_both_books_equal_to_the_model(int window)
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
                    pair = (new BookSide(bids, default, window), new SortedDictionary<long, long>());
                    sides[(ev.SymbolId, bids)] = pair;
                }

                ReadOnlySpan<PriceLevel> levels = bids ? ev.Levels.Bids : ev.Levels.Asks;
                if (ev.Kind == MarketEventKind.DepthSnapshot)
                {
                    Load(pair.Side, pair.Model, levels);
                }
                else
                {
                    foreach (PriceLevel level in levels)
                    {
                        Apply(pair.Side, pair.Model, level);
                        changes++;
                    }
                }

                // Every side compared in full at intervals, its best level and size after every event.
                pair.Side.Count.Should().Be(pair.Model.Count);
                pair.Side.Best.Should().Be(ModelBest(pair.Model, bids));
                if (compared++ % 500 == 0)
                {
                    Levels(pair.Side).Should().Equal(ModelLevels(pair.Model, bids));
                }
            }
        }

        changes.Should().Be(570_875, "the sample's diffs change this many levels");
        foreach (((int symbol, bool bids), (BookSide side, SortedDictionary<long, long> model)) in sides)
        {
            List<PriceLevel> expected = ModelLevels(model, bids);
            Levels(side).Should().Equal(expected, $"symbol {symbol} {(bids ? "bids" : "asks")} at the end");
            for (int i = 0; i < 25; i++)
            {
                side.FromBest(i).Should().Be(expected[i]);
            }

            side.DepthQuantity(20).Raw.Should().Be(expected.Take(20).Sum(l => l.Quantity.Raw));
            side.TickSize.Should().Be(Fixed8.Parse("0.01"), "Binance's BTCUSDT and ETHUSDT step, learned from the snapshot");
        }

        sides[(0, true)].Side.Count.Should().Be(1_972, "BTC's bids grow far past the snapshot's 1,000 levels");
        sides[(0, false)].Side.Count.Should().Be(2_961);
        sides[(1, true)].Side.Count.Should().Be(1_744);
        sides[(1, false)].Side.Count.Should().Be(1_665);
    }

    [Fact]
    public void The_default_window_holds_nearly_every_level_change_of_the_real_sample_in_the_ladder()
    {
        // Where the changes land decides the speed: pinned so a change of window or policy that pushes more of them
        // into the far store shows up here.
        IReadOnlyList<MarketEvent> sample = SampleRecording.Load(new InstrumentSet(SampleOptions.Create().TradingPairs));
        var sides = new Dictionary<(int Symbol, bool Bids), BookSide>();
        long far = 0;
        long changes = 0;
        foreach (MarketEvent ev in sample)
        {
            if (!ev.HasLevels)
            {
                continue;
            }

            foreach (bool bids in new[] { true, false })
            {
                if (!sides.TryGetValue((ev.SymbolId, bids), out BookSide? side))
                {
                    side = new BookSide(bids);
                    sides[(ev.SymbolId, bids)] = side;
                }

                ReadOnlySpan<PriceLevel> levels = bids ? ev.Levels.Bids : ev.Levels.Asks;
                if (ev.Kind == MarketEventKind.DepthSnapshot)
                {
                    side.Load(levels);
                    continue;
                }

                foreach (PriceLevel level in levels)
                {
                    side.Set(level);
                    changes++;
                    far += side.IsFar(level.Price) ? 1 : 0;
                }
            }
        }

        changes.Should().Be(570_875);
        far.Should().Be(14_251, "2.5% of the changes land more than a window from the best (BTC's diffs reach 13.8 million ticks out)");
        sides.Values.Select(s => s.Recentres).Should().Equal([2, 5, 2, 2], "placed by the first diff, again by the snapshot; BTC's asks moved thrice");
    }

    [Fact]
    public void A_side_at_its_working_size_applies_the_sample_again_without_allocating()
    {
        IReadOnlyList<MarketEvent> sample = SampleRecording.Load(new InstrumentSet(SampleOptions.Create().TradingPairs));
        MarketEvent[] depth = [.. sample.Where(e => e.HasLevels)];
        var sides = new BookSide[] { new(true), new(false), new(true), new(false) };
        ApplyAll(sides, depth);
        ApplyAll(sides, depth);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ApplyAll(sides, depth);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0, $"{depth.Length} depth events (2 snapshots) were applied after warm-up");
        sides[0].Count.Should().Be(1_972);
    }

    [Theory]
    [InlineData("btcusdt-depth-snap.csv", "btcusdt-depth-update.csv", "0.1")]
    public void The_shared_Binance_futures_depth_files_applied_as_snapshot_then_changes_equal_the_model(string snapshot, string updates, string tick)
    {
        // tardis CSV: symbol,timestamp,first_update_id,last_update_id,side,update_type,price,qty,pu (b = bid, a = ask).
        var sides = new Dictionary<bool, (BookSide Side, SortedDictionary<long, long> Model)>
        {
            [true] = (new BookSide(true), new SortedDictionary<long, long>()),
            [false] = (new BookSide(false), new SortedDictionary<long, long>()),
        };
        foreach (bool bids in new[] { true, false })
        {
            PriceLevel[] snap = [.. SharedCsv(snapshot, header: "symbol,timestamp", side: 4, price: 6, quantity: 7).Where(r => r.Bids == bids).Select(r => r.Level)];
            snap.Length.Should().Be(bids ? 100 : 0, "the file holds the first 100 rows of a snapshot: bids only");
            Load(sides[bids].Side, sides[bids].Model, snap);
        }

        int applied = 0;
        foreach ((bool bids, PriceLevel level) in SharedCsv(updates, header: "symbol,timestamp", side: 4, price: 6, quantity: 7))
        {
            Apply(sides[bids].Side, sides[bids].Model, level);
            applied++;
            sides[bids].Side.Best.Should().Be(ModelBest(sides[bids].Model, bids));
        }

        applied.Should().Be(100);
        foreach ((bool bids, (BookSide side, SortedDictionary<long, long> model)) in sides)
        {
            Levels(side).Should().Equal(ModelLevels(model, bids));
            side.TickSize.Should().Be(Fixed8.Parse(tick));
        }
    }

    [Fact]
    public void The_shared_Deribit_snapshot_teaches_its_half_dollar_tick_and_keeps_its_levels_in_order()
    {
        // exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount: 15 snapshot rows, all asks.
        (bool Bids, PriceLevel Level)[] rows = [.. SharedCsv("deribit_incremental_book_L2_BTC-PERPETUAL.csv", header: "exchange,symbol", side: 5, price: 6, quantity: 7)];
        rows.Should().HaveCount(15).And.OnlyContain(r => !r.Bids);
        var asks = new BookSide(bids: false);
        var model = new SortedDictionary<long, long>();

        Load(asks, model, [.. rows.Select(r => r.Level)]);

        asks.TickSize.Should().Be(Fixed8.Parse("0.5"));
        Levels(asks).Should().Equal(ModelLevels(model, bids: false));
        asks.Best.Should().Be(new PriceLevel(Fixed8.Parse("6421.5"), Fixed8.FromLong(18_640)));
        asks.FarCount.Should().Be(0);
    }

    private static void ApplyAll(BookSide[] sides, MarketEvent[] depth)
    {
        foreach (MarketEvent ev in depth)
        {
            BookSide bids = sides[ev.SymbolId * 2];
            BookSide asks = sides[(ev.SymbolId * 2) + 1];
            if (ev.Kind == MarketEventKind.DepthSnapshot)
            {
                bids.Load(ev.Levels.Bids);
                asks.Load(ev.Levels.Asks);
                continue;
            }

            foreach (PriceLevel level in ev.Levels.Bids)
            {
                bids.Set(level);
            }

            foreach (PriceLevel level in ev.Levels.Asks)
            {
                asks.Set(level);
            }
        }
    }

    private static IEnumerable<(bool Bids, PriceLevel Level)> SharedCsv(string file, string header, int side, int price, int quantity)
    {
        string path = SharedFolder.File("data", "binance-futures-btcusdt-ticks", file);
        string[] lines = File.ReadAllLines(path);
        lines[0].Should().StartWith(header, path);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            bool bids = cells[side] switch
            {
                "b" or "bid" => true,
                "a" or "ask" => false,
                _ => throw new FormatException($"{path}:{i + 1}: side '{cells[side]}'"),
            };
            yield return (bids, new PriceLevel(Fixed8.Parse(cells[price]), Fixed8.Parse(cells[quantity])));
        }
    }

    private static void Load(BookSide side, SortedDictionary<long, long> model, ReadOnlySpan<PriceLevel> levels)
    {
        side.Load(levels);
        model.Clear();
        foreach (PriceLevel level in levels)
        {
            SetModel(model, level);
        }
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_released_side_is_empty_and_the_side_that_takes_its_ladder_holds_only_its_own_levels(bool bids)
    {
        // A window no other test uses, so the second side takes exactly the ladder the first released.
        const int window = 2_048;
        var first = new BookSide(bids, Fixed8.One, window);
        var random = new Random(5);
        for (int i = 0; i < 3_000; i++)
        {
            first.Set(new PriceLevel(Fixed8.FromLong(50_000 + random.Next(1_500)), Fixed8.FromLong(1 + random.Next(9))));
        }

        first.Count.Should().BePositive();
        first.Release();

        first.Count.Should().Be(0);
        first.Best.Should().Be(default(PriceLevel));
        var second = new BookSide(bids, Fixed8.One, window);
        var model = new SortedDictionary<long, long>();
        for (int step = 0; step < 4_000; step++)
        {
            // Over the prices the first side left quantities at: a stale quantity must never show through.
            Apply(second, model, new PriceLevel(Fixed8.FromLong(50_000 + random.Next(1_500)), Fixed8.FromLong(random.Next(0, 3))));
        }

        Levels(second).Should().Equal(ModelLevels(model, bids));
        first.Set(Level("50000x7"));
        Levels(first).Should().Equal([Level("50000x7")], "a released side takes a ladder again when a level arrives");
    }

    private static PriceLevel ModelBest(SortedDictionary<long, long> model, bool bids)
    {
        if (model.Count == 0)
        {
            return default;
        }

        KeyValuePair<long, long> best = bids ? model.Last() : model.First();
        return new PriceLevel(Fixed8.FromRaw(best.Key), Fixed8.FromRaw(best.Value));
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

    private static PriceLevel Level(string priceXQuantity) => Parse(priceXQuantity)[0];

    private static PriceLevel[] Parse(string levels) =>
        [.. levels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l =>
        {
            string[] parts = l.Split('x');
            return new PriceLevel(Fixed8.Parse(parts[0]), Fixed8.Parse(parts[1]));
        })];
}
