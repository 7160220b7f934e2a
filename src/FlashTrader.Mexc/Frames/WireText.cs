using System.Buffers.Binary;
using System.Numerics;
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

        // MEXC's ids lead with 18 or 19 digits: with 24 bytes to read, find where the run ends a word at a time and
        // convert its first sixteen digits eight at once, instead of one dependent multiplication per digit.
        if (utf8.Length >= 24)
        {
            ulong first = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            ulong second = BinaryPrimitives.ReadUInt64LittleEndian(utf8[8..]);
            if ((NonDigits(first) | NonDigits(second)) == 0)
            {
                ulong third = NonDigits(BinaryPrimitives.ReadUInt64LittleEndian(utf8[16..]));
                int run = 16 + (third == 0 ? 8 : BitOperations.TrailingZeroCount(third) >> 3);
                if (run <= 19)
                {
                    ulong id = (EightDigits(first) * 100_000_000) + EightDigits(second);
                    for (int i = 16; i < run; i++)
                    {
                        id = (id * 10) + (uint)(utf8[i] - '0');
                    }

                    if (id <= long.MaxValue)
                    {
                        return (long)id;
                    }
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
    /// The top bit of every byte of <paramref name="word"/> (little-endian) that is not an ASCII digit; borrows and
    /// carries only run upwards, so the lowest flagged byte is exactly the first non-digit.
    /// </summary>
    private static ulong NonDigits(ulong word) =>
        ((word - 0x3030_3030_3030_3030) | (word + 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080;

    /// <summary>Eight ASCII digits (the first in the lowest byte) to their value: pairs, then fours, then all eight.</summary>
    private static ulong EightDigits(ulong word)
    {
        word -= 0x3030_3030_3030_3030;
        word = ((word * 10) + (word >> 8)) & 0x00FF_00FF_00FF_00FF;
        word = ((word * 100) + (word >> 16)) & 0x0000_FFFF_0000_FFFF;
        return ((word * 10_000) + (word >> 32)) & 0xFFFF_FFFF;
    }

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
