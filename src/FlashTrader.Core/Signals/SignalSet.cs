using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Signals;

/// <summary>The signals one tick produced, inline (no allocation). Holds up to <see cref="Capacity"/>.</summary>
public struct SignalSet
{
    public const int Capacity = 4;

    private Buffer _items;

    public int Count { get; private set; }

    public readonly Signal this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Empties the set (the signals stay in place, past <see cref="Count"/>, unread).</summary>
    public void Clear() => Count = 0;

    public bool TryAdd(in Signal signal)
    {
        if (Count == Capacity)
        {
            return false;
        }

        _items[Count++] = signal;
        return true;
    }

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private Signal _element;
    }
}
