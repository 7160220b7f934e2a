using System.Runtime.CompilerServices;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Pipeline;

namespace FlashTrader.EndToEnd.Tests.Pipeline;

/// <summary>
/// The hosted order flow passes ticks and messages by reference into pooled batches: each stage must read the very
/// slot the producer wrote, and a release must hand the batch back to its pool, emptied, for the next run of events.
/// </summary>
public sealed class OrderFlowItemTests
{
    [Fact]
    public void A_tick_item_reads_the_tick_in_place_in_its_signals_batch()
    {
        var pool = new BatchPool<SignalTick>(4);
        Batch<SignalTick> batch = pool.Rent();
        batch.Add(new SignalTick(new MarketTick { Sequence = 6 }, default));
        batch.Add(new SignalTick(new MarketTick { Sequence = 7 }, default));

        OrderFlowItem item = OrderFlowItem.ForTick(batch, 1);

        item.Kind.Should().Be(OrderFlowKind.Tick);
        item.Tick.Sequence.Should().Be(7);
        Unsafe.AreSame(ref Unsafe.AsRef(in item.Tick), ref Unsafe.AsRef(in batch.Items[1].Tick)).Should().BeTrue("the tick is not copied");
    }

    [Fact]
    public void A_message_item_reads_its_message_in_place()
    {
        var pool = new BatchPool<TradingMessage>(4);
        Batch<TradingMessage> messages = pool.Rent();
        messages.Add(TradingMessage.ForOrder(new OrderRequest { OrderId = 41 }));

        OrderFlowItem item = OrderFlowItem.ForMessage(messages, 0);

        item.Kind.Should().Be(OrderFlowKind.Message);
        item.Message.Order.OrderId.Should().Be(41);
        Unsafe.AreSame(ref Unsafe.AsRef(in item.Message), ref messages.Items[0]).Should().BeTrue();
    }

    [Fact]
    public void A_release_hands_the_batch_back_to_its_pool_emptied()
    {
        var ticks = new BatchPool<SignalTick>(4);
        var messages = new BatchPool<TradingMessage>(4);
        Batch<SignalTick> tickBatch = ticks.Rent();
        tickBatch.Add(new SignalTick(new MarketTick { Sequence = 1 }, default));
        Batch<TradingMessage> messageBatch = messages.Rent();
        messageBatch.Add(TradingMessage.ForOrder(new OrderRequest { OrderId = 1 }));

        OrderFlowItem.ReleaseOf(tickBatch).Release();
        OrderFlowItem.ReleaseOf(messageBatch).Release();

        ticks.Rent().Should().BeSameAs(tickBatch);
        tickBatch.Count.Should().Be(0);
        messages.Rent().Should().BeSameAs(messageBatch);
        messageBatch.Count.Should().Be(0);
    }
}
