using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Two doubles that an indicator's running state alternates between from bar to bar (slot = a parity, 0 or 1).
/// A streaming update keeps its state in fields, so each bar's dependency chain runs through a store and the
/// next bar's reload (a store-to-load forward, ~9 cycles here, three times an addition). Split over two slots,
/// a bar extends the chain its slot held two bars earlier, so that wait is paid once per two bars.
/// </summary>
[InlineArray(2)]
internal struct AlternatingPair
{
    private double _slot;

    /// <summary>The slot for <paramref name="parity"/>; only its low bit is used, so the access is always inside.</summary>
    [UnscopedRef]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref double At(int parity) => ref Unsafe.Add(ref _slot, parity & 1);

    /// <summary>Both slots added (the whole of a sum kept in two halves).</summary>
    public readonly double Sum
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _slot + Unsafe.Add(ref Unsafe.AsRef(in _slot), 1);
    }
}
