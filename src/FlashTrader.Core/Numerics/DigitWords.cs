using System.Numerics;
using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Numerics;

/// <summary>
/// ASCII digits eight at a time in a little-endian 64-bit word (the first character in the lowest byte): where a run of
/// digits ends and what eight digits are worth, with a few shifts, adds and three multiplications instead of one
/// dependent multiplication per digit.
/// </summary>
public static class DigitWords
{
    /// <summary>Eight ASCII zeros: subtracting it turns digit bytes into their values 0-9.</summary>
    public const ulong Zeros = 0x3030_3030_3030_3030;

    /// <summary>
    /// How many of the word's bytes, from the lowest, are ASCII digits (0-8). Borrows and carries run only upwards, so
    /// the lowest flagged byte is exactly the first non-digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LeadingDigitCount(ulong word)
    {
        ulong nonDigits = ((word - Zeros) | (word + 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080;
        return BitOperations.TrailingZeroCount(nonDigits) >> 3; // no flag: 64 >> 3 = 8
    }

    /// <summary>
    /// The value of eight digit values 0-9 (ASCII already less <see cref="Zeros"/>), the most significant in the lowest
    /// byte: pairs, then fours, then all eight.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ValueOf(ulong digits)
    {
        digits = ((digits * 10) + (digits >> 8)) & 0x00FF_00FF_00FF_00FF;
        digits = ((digits * 100) + (digits >> 16)) & 0x0000_FFFF_0000_FFFF;
        return ((digits * 10_000) + (digits >> 32)) & 0xFFFF_FFFF;
    }
}
