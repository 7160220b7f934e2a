using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FlashTrader.Storage.Recording;

/// <summary>Where and why an LZ4 payload failed to decompress: the byte offset is within the compressed payload.</summary>
public readonly record struct Lz4Error(int PayloadOffset, string Reason);

/// <summary>
/// Decompresses one block in the LZ4 block format (written from its public description): a series of sequences, each a
/// token (high nibble literal length, low nibble match length − 4; 15 means more length bytes follow, 255 each until a
/// smaller one), the literals, a 2-byte little-endian match offset and the match length's extra bytes; the last
/// sequence has literals only. Every length and offset is checked against both buffers, so damaged input is reported
/// with its payload offset, never read or written out of bounds. Where both buffers have room it copies 16 bytes at a
/// time past the exact length (the excess is overwritten by what follows): this loop is what replay pays per block.
/// </summary>
public static class Lz4BlockDecoder
{
    /// <summary>Decompresses <paramref name="source"/> into exactly <paramref name="destination"/>; false and the error when the payload is damaged.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> source, Span<byte> destination, out Lz4Error error)
    {
        int iend = source.Length;
        int oend = destination.Length;
        if (iend == 0)
        {
            // Even an empty block is one token; nothing at all is damage.
            return Fail(out error, 0, $"empty payload for {oend} raw bytes");
        }

        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        int ip = 0;
        int op = 0;
        while (true)
        {
            int tokenAt = ip;
            int token = Unsafe.Add(ref src, ip++); // ip < iend: checked on entry and after each match
            int literals = token >> 4;
            if (literals == 15)
            {
                if (!ReadLengthTail(source, ref ip, ref literals))
                {
                    return Fail(out error, ip, "literal length runs past the payload end");
                }
            }

            if (literals > iend - ip)
            {
                return Fail(out error, tokenAt, $"literal run of {literals} bytes runs past the payload end");
            }

            if (literals > oend - op)
            {
                return Fail(out error, tokenAt, $"literal run of {literals} bytes overflows the {oend} raw bytes");
            }

            if (literals <= 16 && iend - ip >= 16 && oend - op >= 16)
            {
                Copy16(ref dst, op, ref src, ip);
            }
            else
            {
                source.Slice(ip, literals).CopyTo(destination[op..]);
            }

            ip += literals;
            op += literals;
            if (ip == iend)
            {
                if (op != oend)
                {
                    return Fail(out error, ip, $"payload ends after {op} of {oend} raw bytes");
                }

                error = default;
                return true;
            }

            if (iend - ip < 2)
            {
                return Fail(out error, ip, "match offset cut off by the payload end");
            }

            int offset = BinaryPrimitives.ReadUInt16LittleEndian(source[ip..]);
            if (offset == 0 || offset > op)
            {
                return Fail(out error, ip, $"match offset {offset} points before the block start (at raw byte {op})");
            }

            ip += 2;
            int match = token & 15;
            if (match == 15 && !ReadLengthTail(source, ref ip, ref match))
            {
                return Fail(out error, ip, "match length runs past the payload end");
            }

            match += 4;
            if (match > oend - op)
            {
                return Fail(out error, tokenAt, $"match of {match} bytes overflows the {oend} raw bytes");
            }

            if (ip == iend)
            {
                return Fail(out error, ip, "payload ends after a match: the last sequence must be literals");
            }

            CopyMatch(destination, ref dst, op, offset, match);
            op += match;
        }
    }

    /// <summary>Adds the extra length bytes after a nibble of 15: each byte adds its value, a byte below 255 ends them.</summary>
    private static bool ReadLengthTail(ReadOnlySpan<byte> source, ref int ip, ref int length)
    {
        int i = ip;
        while (true)
        {
            if ((uint)i >= (uint)source.Length)
            {
                ip = i;
                return false;
            }

            byte b = source[i++];
            length += b;
            if (b != 255)
            {
                ip = i;
                return true;
            }

            if (length > RecordingFormat.MaxBlockBytes)
            {
                // Longer than any block: damage, reported by the caller's bounds check instead of overflowing.
                ip = i;
                return true;
            }
        }
    }

    private static void CopyMatch(Span<byte> destination, ref byte dst, int op, int offset, int match)
    {
        int from = op - offset;
        int room = destination.Length - op;
        if (offset >= 16 && room >= match + 16)
        {
            // Each 16-byte read lies wholly before the write it feeds: earlier output only.
            for (int done = 0; done < match; done += 16)
            {
                Copy16(ref dst, op + done, ref dst, from + done);
            }

            return;
        }

        if (offset >= 8 && room >= match + 8)
        {
            for (int done = 0; done < match; done += 8)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op + done), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref dst, from + done)));
            }

            return;
        }

        // Short offsets repeat a pattern shorter than the copy: byte by byte is what the format means.
        for (int i = 0; i < match; i++)
        {
            destination[op + i] = destination[from + i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy16(ref byte dst, int to, ref byte src, int from) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, to), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref src, from)));

    private static bool Fail(out Lz4Error error, int at, string reason)
    {
        error = new Lz4Error(at, reason);
        return false;
    }
}
