using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Tests.Market;

public sealed class DepthLevelsPoolTests
{
    [Fact]
    public void A_buffer_rented_for_a_size_holds_it_without_growing()
    {
        var pool = new DepthLevelsPool(64);
        DepthLevels levels = pool.Rent(65, 3);
        levels.Capacity.Should().Be(128, "the smallest power-of-two class from 64 that holds 65 levels");
        pool.Rent(128, 128).Capacity.Should().Be(128);
        pool.Rent(129, 0).Capacity.Should().Be(256);
        pool.Rent(0, 0).Capacity.Should().Be(64);
        pool.Rent().Capacity.Should().Be(64);
    }

    [Fact]
    public void A_small_buffer_is_never_handed_a_large_update_once_each_size_has_been_in_flight()
    {
        var pool = new DepthLevelsPool(64);
        int[] sizes = [3, 700, 20, 64, 65, 1000, 5, 300];

        // Warm-up: two of every size in flight at once.
        for (int round = 0; round < 2; round++)
        {
            List<DepthLevels> inFlight = [.. sizes.SelectMany(n => new[] { Filled(pool, n), Filled(pool, n) })];
            inFlight.ForEach(l => l.Release());
        }

        int created = pool.Created;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            // Any mix of up to two buffers per size at once, in any order, reuses what the pool holds.
            int a = sizes[i % sizes.Length];
            int b = sizes[(i * 7 / 3) % sizes.Length];
            DepthLevels x = Filled(pool, a);
            DepthLevels y = Filled(pool, b);
            y.Release();
            x.Release();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        pool.Created.Should().Be(created);
        allocated.Should().Be(0);
    }

    [Fact]
    public void A_buffer_that_grew_while_filled_returns_to_the_class_it_now_fills()
    {
        var pool = new DepthLevelsPool(64);
        DepthLevels grown = pool.Rent();
        for (int i = 0; i < 200; i++)
        {
            grown.AddBid(Level(i));
            grown.AddAsk(Level(i));
        }

        grown.Release();
        pool.Rent(256, 256).Should().BeSameAs(grown, "it grew 64 -> 128 -> 256 a side");
        pool.Created.Should().Be(1);
        pool.Rent(10, 10).Should().NotBeSameAs(grown);
    }

    [Fact]
    public void A_producer_that_does_not_know_the_size_reuses_the_buffers_its_updates_grew()
    {
        var pool = new DepthLevelsPool(8);
        for (int i = 0; i < 100; i++)
        {
            DepthLevels levels = pool.Rent();
            for (int k = 0; k < 20; k++)
            {
                levels.AddBid(Level(k));
                levels.AddAsk(Level(k));
            }

            levels.Release();
        }

        pool.Created.Should().Be(1, "the one buffer grew 8 -> 32 a side once and is handed out again from its class");
    }

    [Fact]
    public void More_levels_than_any_class_holds_is_refused_with_the_count()
    {
        var pool = new DepthLevelsPool(64);
        Action rent = () => pool.Rent(int.MaxValue, 0);
        rent.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*depth levels*2147483647*");
    }

    private static DepthLevels Filled(DepthLevelsPool pool, int levels)
    {
        DepthLevels buffer = pool.Rent(levels, levels);
        for (int i = 0; i < levels; i++)
        {
            buffer.AddBid(Level(i));
            buffer.AddAsk(Level(i));
        }

        return buffer;
    }

    private static PriceLevel Level(int i) => new(Fixed8.FromLong(60_000 - i), Fixed8.FromLong(1));
}
