using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Market;

public sealed class OrderBookTests
{
    private readonly OrderBook _book = new("BTCUSDC");

    private void Snapshot(long lastUpdateId, string bids, string asks) =>
        _book.ApplySnapshot(lastUpdateId, Depth.Levels(bids, asks), Events.At(0));

    private DepthDiffOutcome Diff(long first, long last, string bids = "", string asks = "", double atMs = 0) =>
        _book.ApplyDiff(first, last, Depth.Levels(bids, asks), Events.At(atMs));

    [Fact]
    public void A_new_book_awaits_its_snapshot_and_is_not_tradeable()
    {
        _book.State.Should().Be(BookSyncState.AwaitingSnapshot);
        _book.IsTradeable.Should().BeFalse();
        _book.BestBid.Should().Be(default(PriceLevel));
    }

    [Fact]
    public void A_snapshot_loads_both_sides_sorted_best_first_whatever_their_order()
    {
        Snapshot(100, bids: "2@98, 1@99, 4@97", asks: "3@101, 0.5@100");

        _book.State.Should().Be(BookSyncState.Synced);
        _book.IsTradeable.Should().BeTrue();
        _book.LastUpdateId.Should().Be(100);
        Depth.Bids(_book).Should().Be("1@99, 2@98, 4@97");
        Depth.Asks(_book).Should().Be("0.5@100, 3@101");
        _book.BestBid.Should().Be(Depth.Level("1@99"));
        _book.Ask(1).Should().Be(Depth.Level("3@101"));
        _book.Ask(2).Should().Be(default(PriceLevel), "there is no third ask");
        _book.DepthQuantity(Side.Buy, 2).Should().Be(Fixed8.Parse("3"));
        _book.DepthQuantity(Side.Sell, 10).Should().Be(Fixed8.Parse("3.5"));
    }

    [Fact]
    public void A_diff_continuing_the_version_chain_sets_absolute_quantities()
    {
        Snapshot(100, bids: "1@99, 2@98", asks: "0.5@100, 3@101");

        Diff(101, 103, bids: "4@99.5, 5@98", asks: "2.5@101").Should().Be(DepthDiffOutcome.Applied);

        Depth.Bids(_book).Should().Be("4@99.5, 1@99, 5@98");
        Depth.Asks(_book).Should().Be("0.5@100, 2.5@101");
        _book.LastUpdateId.Should().Be(103);
        _book.LastUpdateTimeNs.Should().Be(Events.At(0));
        _book.DiffsApplied.Should().Be(1);
    }

    [Fact]
    public void A_quantity_of_zero_removes_the_level_and_removing_an_absent_level_changes_nothing()
    {
        Snapshot(100, bids: "1@99, 2@98", asks: "0.5@100, 3@101");

        Diff(101, 101, bids: "0@99, 0@50", asks: "0@100").Should().Be(DepthDiffOutcome.Applied);

        Depth.Bids(_book).Should().Be("2@98");
        Depth.Asks(_book).Should().Be("3@101");
        _book.BidCount.Should().Be(1);
    }

    [Fact]
    public void The_first_diff_may_straddle_the_snapshot_id()
    {
        Snapshot(100, bids: "1@99", asks: "1@100");

        Diff(95, 105, bids: "7@99").Should().Be(DepthDiffOutcome.Applied);

        _book.LastUpdateId.Should().Be(105);
        _book.BestBid.Should().Be(Depth.Level("7@99"));
    }

    [Fact]
    public void A_diff_wholly_at_or_below_the_book_version_is_stale_and_ignored()
    {
        Snapshot(100, bids: "1@99", asks: "1@100");

        Diff(90, 100, bids: "9@99").Should().Be(DepthDiffOutcome.Stale);

        _book.BestBid.Should().Be(Depth.Level("1@99"));
        _book.StaleDiffs.Should().Be(1);
        _book.LastUpdateId.Should().Be(100);
        _book.IsTradeable.Should().BeTrue("a stale diff does not desynchronize the book");
    }

    [Fact]
    public void Missing_versions_leave_the_book_unsynchronized_and_untradeable_until_a_snapshot()
    {
        Snapshot(100, bids: "1@99", asks: "1@100");

        Diff(102, 104, bids: "9@99").Should().Be(DepthDiffOutcome.Gap);

        _book.State.Should().Be(BookSyncState.Gap);
        _book.Gaps.Should().Be(1);
        _book.IsTradeable.Should().BeFalse();
        _book.BestBid.Should().Be(Depth.Level("1@99"), "the gapped diff is not applied");
        Diff(105, 106, bids: "8@99").Should().Be(DepthDiffOutcome.IgnoredWhileGapped);
        Diff(101, 101, bids: "8@99").Should().Be(DepthDiffOutcome.IgnoredWhileGapped, "even the missing diff cannot repair a gap");
        _book.State.Should().Be(BookSyncState.Gap);
        _book.DiffsApplied.Should().Be(0);
    }

    [Fact]
    public void A_new_snapshot_resynchronizes_a_gapped_book_and_replays_the_diffs_that_follow_it()
    {
        Snapshot(100, bids: "1@99", asks: "1@100");
        Diff(102, 104).Should().Be(DepthDiffOutcome.Gap);
        Diff(105, 106, bids: "8@99").Should().Be(DepthDiffOutcome.IgnoredWhileGapped);
        Diff(107, 111, asks: "2@100").Should().Be(DepthDiffOutcome.IgnoredWhileGapped);
        Diff(112, 113, bids: "3@99.5").Should().Be(DepthDiffOutcome.IgnoredWhileGapped);

        _book.ApplySnapshot(110, Depth.Levels(bids: "5@99", asks: "6@100"), Events.At(50));

        _book.State.Should().Be(BookSyncState.Synced);
        _book.Resyncs.Should().Be(1);
        _book.SnapshotsApplied.Should().Be(2);
        _book.StaleDiffs.Should().Be(2, "102..104 (the diff that revealed the gap, kept for replay) and 105..106 are older than the snapshot");
        _book.DiffsApplied.Should().Be(2, "107..111 straddles the snapshot id and 112..113 follows it");
        _book.LastUpdateId.Should().Be(113);
        Depth.Bids(_book).Should().Be("3@99.5, 5@99");
        Depth.Asks(_book).Should().Be("2@100");
        _book.IsTradeable.Should().BeTrue();
    }

    [Fact]
    public void Diffs_before_the_first_snapshot_are_buffered_and_replayed_onto_it()
    {
        Diff(98, 99, bids: "9@99").Should().Be(DepthDiffOutcome.Buffered);
        Diff(100, 101, bids: "2@99").Should().Be(DepthDiffOutcome.Buffered);
        Diff(102, 103, asks: "0@101, 4@100.5").Should().Be(DepthDiffOutcome.Buffered);
        _book.IsTradeable.Should().BeFalse();
        _book.BidCount.Should().Be(0, "buffered diffs do not touch the book");

        Snapshot(100, bids: "1@99, 2@98", asks: "0.5@100.5, 3@101");

        _book.State.Should().Be(BookSyncState.Synced);
        _book.StaleDiffs.Should().Be(1);
        _book.DiffsApplied.Should().Be(2);
        _book.LastUpdateId.Should().Be(103);
        Depth.Bids(_book).Should().Be("2@99, 2@98");
        Depth.Asks(_book).Should().Be("4@100.5");
        _book.Resyncs.Should().Be(0);
    }

    [Fact]
    public void A_buffered_diff_that_does_not_continue_the_snapshot_leaves_the_book_gapped()
    {
        Diff(105, 106, bids: "9@99");

        Snapshot(100, bids: "1@99", asks: "1@100");

        _book.State.Should().Be(BookSyncState.Gap);
        _book.Gaps.Should().Be(1);
        _book.IsTradeable.Should().BeFalse();
    }

    [Fact]
    public void The_pre_snapshot_buffer_is_bounded_and_keeps_the_newest_diffs()
    {
        var book = new OrderBook("BTCUSDC", maxBufferedDiffs: 2);
        book.ApplyDiff(100, 101, Depth.Levels(bids: "1@97"), Events.At(0));
        book.ApplyDiff(102, 102, Depth.Levels(bids: "1@98"), Events.At(0));
        book.ApplyDiff(103, 103, Depth.Levels(bids: "1@99"), Events.At(0));

        book.BufferOverflows.Should().Be(1);
        book.ApplySnapshot(101, Depth.Levels(bids: "5@90", asks: "1@100"), Events.At(0));

        book.DiffsApplied.Should().Be(2);
        Depth.Bids(book).Should().Be("1@99, 1@98, 5@90", "the oldest diff (1@97) fell out of the buffer");
    }

    [Fact]
    public void A_crossed_book_is_flagged_and_not_tradeable_until_it_uncrosses()
    {
        Snapshot(100, bids: "1@99", asks: "1@100, 2@101");

        Diff(101, 101, bids: "1@100.5").Should().Be(DepthDiffOutcome.Applied);

        _book.IsCrossed.Should().BeTrue();
        _book.IsSynced.Should().BeTrue("crossing is not a sync problem");
        _book.IsTradeable.Should().BeFalse();
        _book.CrossedUpdates.Should().Be(1);

        Diff(102, 102, asks: "0@100").Should().Be(DepthDiffOutcome.Applied);
        _book.IsCrossed.Should().BeFalse("the bid at 100.5 is now below the best ask at 101");
        _book.IsTradeable.Should().BeTrue();
        _book.CrossedUpdates.Should().Be(1);
    }

    [Fact]
    public void A_bid_far_beyond_the_ladder_window_crosses_the_book_and_its_removal_restores_every_level_in_order()
    {
        // At a 0.01 tick, 2000 lies 190,100 ticks above the book: past the ladder's window, which moves to it and back.
        var book = new OrderBook("BTCUSDC", Fixed8.Parse("0.01"));
        book.ApplySnapshot(100, Depth.Levels(bids: "1@99, 2@98, 3@1.5", asks: "0.5@100, 3@101, 1@5000"), Events.At(0));

        book.ApplyDiff(101, 101, Depth.Levels(bids: "4@2000"), Events.At(1)).Should().Be(DepthDiffOutcome.Applied);

        book.IsCrossed.Should().BeTrue();
        book.IsTradeable.Should().BeFalse();
        book.CrossedUpdates.Should().Be(1);
        Depth.Bids(book).Should().Be("4@2000, 1@99, 2@98, 3@1.5");

        book.ApplyDiff(102, 102, Depth.Levels(bids: "0@2000, 0@1.4", asks: "0@4999"), Events.At(2)).Should().Be(DepthDiffOutcome.Applied);

        book.IsTradeable.Should().BeTrue();
        book.CrossedUpdates.Should().Be(1);
        Depth.Bids(book).Should().Be("1@99, 2@98, 3@1.5");
        Depth.Asks(book).Should().Be("0.5@100, 3@101, 1@5000");
        book.DepthQuantity(Side.Buy, 3).Should().Be(Fixed8.Parse("6"));
    }

    [Fact]
    public void A_locked_book_with_bid_equal_to_ask_counts_as_crossed()
    {
        Snapshot(100, bids: "1@100", asks: "1@100");

        _book.IsCrossed.Should().BeTrue();
        _book.IsTradeable.Should().BeFalse();
        _book.CrossedUpdates.Should().Be(1);
    }

    [Fact]
    public void A_one_sided_book_is_synced_but_not_tradeable()
    {
        Snapshot(100, bids: "1@99", asks: "");

        _book.IsSynced.Should().BeTrue();
        _book.IsTradeable.Should().BeFalse();
    }

    [Fact]
    public void A_snapshot_older_than_the_in_sync_book_is_ignored_rather_than_rewinding_it()
    {
        Snapshot(100, bids: "1@99", asks: "0.5@100");
        Diff(101, 105, bids: "2@99").Should().Be(DepthDiffOutcome.Applied);

        _book.ApplySnapshot(103, Depth.Levels("7@98", "7@101"), Events.At(5)).Should().BeFalse();

        _book.LastUpdateId.Should().Be(105);
        Depth.Bids(_book).Should().Be("2@99");
        _book.StaleSnapshots.Should().Be(1);
        Diff(106, 106, asks: "1@100").Should().Be(DepthDiffOutcome.Applied, "the version chain is intact");
    }

    [Fact]
    public void The_diff_that_reveals_a_gap_is_replayed_when_the_resync_snapshot_predates_it()
    {
        Snapshot(100, bids: "1@99", asks: "0.5@100");
        Diff(105, 106, bids: "3@99").Should().Be(DepthDiffOutcome.Gap);

        // The resync snapshot was taken at version 104: the diff 105..106 continues it.
        Snapshot(104, bids: "2@99", asks: "0.5@100");

        _book.State.Should().Be(BookSyncState.Synced);
        _book.LastUpdateId.Should().Be(106);
        Depth.Bids(_book).Should().Be("3@99");
    }

    [Fact]
    public void Buffered_diffs_a_too_old_snapshot_cannot_reach_stay_buffered_so_an_equally_old_snapshot_does_not_pass_for_synced()
    {
        Diff(105, 106, bids: "9@99");
        Diff(107, 107, bids: "8@99");

        Snapshot(100, bids: "1@99", asks: "1@100");
        Snapshot(100, bids: "1@99", asks: "1@100");

        _book.State.Should().Be(BookSyncState.Gap);
        _book.Gaps.Should().Be(2);

        // A snapshot that reaches them applies both.
        Snapshot(104, bids: "1@99", asks: "1@100");
        _book.State.Should().Be(BookSyncState.Synced);
        _book.LastUpdateId.Should().Be(107);
        Depth.Bids(_book).Should().Be("8@99");
    }
}
