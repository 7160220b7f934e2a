using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Frames;

/// <summary>Numbers MEXC sends as UTF-8 strings, parsed without allocating.</summary>
public static class WireText
{
    /// <summary>A price or quantity. Empty is proto3's absent string and means zero.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> utf8, out Fixed8 value)
    {
        if (utf8.IsEmpty)
        {
            value = Fixed8.Zero;
            return true;
        }

        return Fixed8.TryParseShort(utf8, out value);
    }

    /// <summary>
    /// A price or quantity of <paramref name="length"/> bytes at the start of <paramref name="buffer"/>, the rest of the
    /// frame after it (read word-at-a-time; see <see cref="Fixed8.TryParseShort(ReadOnlySpan{byte}, int, out Fixed8)"/>).
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> buffer, int length, out Fixed8 value)
    {
        if (length == 0)
        {
            value = Fixed8.Zero;
            return true;
        }

        return Fixed8.TryParseShort(buffer, length, out value);
    }

    /// <summary>A version such as "82164155643": ASCII digits only, fitting in a long. Empty means 0.</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> utf8, out long value)
    {
        value = 0;
        if (utf8.Length > 19)
        {
            return false;
        }

        ulong acc = 0;
        foreach (byte b in utf8)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                value = 0;
                return false;
            }

            acc = (acc * 10) + d;
        }

        if (acc > long.MaxValue)
        {
            return false;
        }

        value = (long)acc;
        return true;
    }

    /// <summary>
    /// A numeric trade id from MEXC's tradeId string: its leading integer ("710342948650209280X0_..." gives
    /// 710342948650209280); when it has none (or it overflows) a stable 63-bit FNV-1a hash of the whole string;
    /// 0 when the string is empty.
    /// </summary>
    public static long TradeIdOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return 0;
        }

        // MEXC's ids lead with 18 or 19 digits: with 24 bytes to read, take the first sixteen digits at once and the
        // last word's few digits left-padded with zeros, instead of one dependent multiplication per digit.
        if (utf8.Length >= 24 && TryLeadingSixteenDigits(utf8, out ulong head))
        {
            ulong third = BinaryPrimitives.ReadUInt64LittleEndian(utf8[16..]);
            int more = DigitWords.LeadingDigitCount(third);
            if (more <= 3)
            {
                // Bytes below `more` are digits: the subtraction's borrows reach only the bytes the shift drops.
                ulong tail = more == 0 ? 0 : DigitWords.ValueOf((third - DigitWords.Zeros) << (64 - (8 * more)));
                ulong id = (head * TailScale[more]) + tail; // below 10^19: fits
                if (id <= long.MaxValue)
                {
                    return (long)id;
                }
            }
        }

        int digits = 0;
        while (digits < utf8.Length && (uint)(utf8[digits] - '0') <= 9)
        {
            digits++;
        }

        // Up to 19 digits fit in a ulong; the id must also fit in a long.
        if (digits is > 0 and <= 19)
        {
            ulong acc = 0;
            for (int i = 0; i < digits; i++)
            {
                acc = (acc * 10) + (uint)(utf8[i] - '0');
            }

            if (acc <= long.MaxValue)
            {
                return (long)acc;
            }
        }

        ulong hash = 14695981039346656037;
        foreach (byte b in utf8)
        {
            hash = (hash ^ b) * 1099511628211;
        }

        return (long)(hash & long.MaxValue);
    }

    /// <summary>
    /// Whether the first sixteen bytes (at least sixteen are there) are all digits, and their value: with SSE4.1 as one
    /// vector, converted by three multiply-adds (pairs, fours, eights); otherwise as two words (see <see cref="DigitWords"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryLeadingSixteenDigits(ReadOnlySpan<byte> utf8, out ulong value)
    {
        if (Sse41.IsSupported)
        {
            Vector128<byte> digits = Vector128.Create(utf8) - Vector128.Create((byte)'0');
            if (!Vector128.LessThanAll(digits, Vector128.Create((byte)10)))
            {
                value = 0;
                return false;
            }

            Vector128<short> pairs = Ssse3.MultiplyAddAdjacent(digits, Vector128.Create(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, (sbyte)1));
            Vector128<int> fours = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create(100, 1, 100, 1, 100, 1, 100, (short)1));
            Vector128<short> packed = Sse41.PackUnsignedSaturate(fours, fours).AsInt16();
            ulong eights = Sse2.MultiplyAddAdjacent(packed, Vector128.Create(10_000, 1, 10_000, 1, 10_000, 1, 10_000, (short)1)).AsUInt64().ToScalar();
            value = ((eights & 0xFFFF_FFFF) * 100_000_000) + (eights >> 32);
            return true;
        }

        ulong first = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
        ulong second = BinaryPrimitives.ReadUInt64LittleEndian(utf8[8..]);
        value = (DigitWords.ValueOf(first - DigitWords.Zeros) * 100_000_000) + DigitWords.ValueOf(second - DigitWords.Zeros);
        return DigitWords.LeadingDigitCount(first) + DigitWords.LeadingDigitCount(second) == 16;
    }

    /// <summary>What the first sixteen digits of a trade id are scaled by when 0-3 more follow.</summary>
    private static readonly ulong[] TailScale = [1, 10, 100, 1_000];

    /// <summary>Milliseconds to nanoseconds, false when the product overflows.</summary>
    public static bool TryMillisecondsToNanoseconds(long ms, out long ns)
    {
        const long Max = long.MaxValue / 1_000_000;
        if (ms > Max || ms < -Max)
        {
            ns = 0;
            return false;
        }

        ns = ms * 1_000_000;
        return true;
    }

    /// <summary>Seconds to nanoseconds, false when the product overflows.</summary>
    public static bool TrySecondsToNanoseconds(long seconds, out long ns)
    {
        const long Max = long.MaxValue / 1_000_000_000;
        if (seconds > Max || seconds < -Max)
        {
            ns = 0;
            return false;
        }

        ns = seconds * 1_000_000_000;
        return true;
    }
}
