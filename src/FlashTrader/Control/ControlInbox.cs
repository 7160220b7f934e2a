using System.Collections.Concurrent;
using FlashTrader.Core.Control;

namespace FlashTrader.Control;

/// <summary>
/// Where operator commands (the kill command, SIGUSR1, the dashboard) wait for the pipeline. Any thread submits; the
/// decision stage takes them in between two market events, so they apply at one point of the stream in every stage.
/// The pipeline's check is one volatile read per event.
/// </summary>
public sealed class ControlInbox
{
    private readonly ConcurrentQueue<ControlCommand> _queue = new();
    private int _pending;

    public bool HasPending => Volatile.Read(ref _pending) > 0;

    public void Submit(in ControlCommand command)
    {
        _queue.Enqueue(command);
        Interlocked.Increment(ref _pending);
    }

    public bool TryTake(out ControlCommand command)
    {
        if (!_queue.TryDequeue(out command))
        {
            return false;
        }

        Interlocked.Decrement(ref _pending);
        return true;
    }
}
