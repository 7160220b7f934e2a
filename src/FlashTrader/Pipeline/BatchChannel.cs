using System.Threading.Channels;

namespace FlashTrader.Pipeline;

/// <summary>
/// A bounded channel of <see cref="Batch{T}"/> with its pool. Writers wait when it is full (backpressure, never a
/// silent drop). Capacity counts batches; at most Capacity × BatchSize items are in flight. Continuations run
/// synchronously: when the reader is idle, the writer's thread carries the batch straight through it, so a lone live
/// event crosses the stages without a thread-pool hop at each one (microseconds instead of tens of them). A hand-off
/// channel (<paramref name="handOff"/>) is the exception: its reader runs on a thread of its own (a thread-pool
/// thread woken when a batch arrives), so the stages on either side of it work in parallel.
/// </summary>
public sealed class BatchChannel<T>
{
    public BatchChannel(int capacity, int batchSize, bool bounded = true, bool handOff = false)
    {
        Pool = new BatchPool<T>(batchSize);
        Channel = bounded
            ? System.Threading.Channels.Channel.CreateBounded<Batch<T>>(new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
                SingleWriter = true,
                AllowSynchronousContinuations = !handOff,
            })
            : System.Threading.Channels.Channel.CreateUnbounded<Batch<T>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = !handOff });
        IsHandOff = handOff;
    }

    public Channel<Batch<T>> Channel { get; }

    /// <summary>True when the reader runs on its own thread instead of the writer's.</summary>
    public bool IsHandOff { get; }

    public BatchPool<T> Pool { get; }

    public ChannelReader<Batch<T>> Reader => Channel.Reader;

    public ChannelWriter<Batch<T>> Writer => Channel.Writer;

    /// <summary>
    /// The stage that reads this channel, for the direct path (<see cref="DirectPath"/>): a batch handed to it by a
    /// direct call instead of a write. Null for a channel no stage loop reads (the feedback channel).
    /// </summary>
    internal IDirectReader<T>? DirectReader { get; set; }

    /// <summary>Batches waiting to be read.</summary>
    public int Depth => Channel.Reader.CanCount ? Channel.Reader.Count : 0;
}

/// <summary>Fills batches and sends them on: when full, or when the producer has nothing more right now.</summary>
public sealed class BatchWriter<T>(BatchChannel<T> channel)
{
    private Batch<T>? _current;

    public int Pending => _current?.Count ?? 0;

    /// <summary>Adds an item; returns true when the batch is full and must be flushed before adding more.</summary>
    public bool Add(in T item)
    {
        _current ??= channel.Pool.Rent();
        _current.Add(item);
        return _current.IsFull;
    }

    /// <summary>
    /// The slot the next item is written into, counted as added: a large struct built there is not copied again. Check
    /// <see cref="IsFull"/> after writing it.
    /// </summary>
    public ref T AddSlot()
    {
        _current ??= channel.Pool.Rent();
        return ref _current.AddSlot();
    }

    public bool IsFull => _current?.IsFull == true;

    /// <summary>The list the next outputs are appended to: the batch being filled (one is rented when none is).</summary>
    public List<T> Filling()
    {
        _current ??= channel.Pool.Rent();
        return _current.List;
    }

    public ValueTask FlushAsync()
    {
        Batch<T>? batch = _current;
        if (batch is null || batch.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        _current = null;
        return channel.Writer.TryWrite(batch) ? ValueTask.CompletedTask : channel.Writer.WriteAsync(batch, CancellationToken.None);
    }

    /// <summary>The batch being filled, taken out to be handed on by a direct call; null when there is none or it is empty (nothing to send).</summary>
    internal Batch<T>? TakePending()
    {
        Batch<T>? batch = _current;
        if (batch is null || batch.Count == 0)
        {
            return null;
        }

        _current = null;
        return batch;
    }

    /// <summary>
    /// Sends an empty batch on (a warm pass, <see cref="WarmPass"/>); nothing when the channel is full (a reader that is
    /// busy needs no warming).
    /// </summary>
    public void SendEmpty()
    {
        Batch<T> empty = channel.Pool.Rent();
        if (!channel.Writer.TryWrite(empty))
        {
            empty.Return();
        }
    }

    public void Complete(Exception? error = null) => channel.Writer.TryComplete(error);
}
