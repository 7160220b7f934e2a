using System.Buffers.Binary;
using System.Numerics;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Compresses one block into the LZ4 block format that <see cref="Lz4BlockDecoder"/> reads: greedy parsing over hash
/// chains of 4-byte sequences (the longest match among the last <see cref="SearchDepth"/> positions with the same
/// hash, within the format's 65,535-byte window). It keeps the format's end rules — the last 5 bytes are literals and
/// no match starts in the last 12 — so any LZ4 block decoder reads its output. Compression runs once, when a recording
/// is written; the tables are reused from block to block, so writing allocates nothing once they are sized.
/// </summary>
public sealed class Lz4BlockEncoder
{
    private const int HashBits = 16;
    private const int MinMatch = 4;
    private const int LastLiterals = 5;
    private const int MatchStartLimit = 12;
    private const int MaxOffset = 65_535;

    private readonly int[] _head = new int[1 << HashBits]; // latest position + 1 per hash, 0 for none
    private int[] _previous = []; // per position: the earlier position + 1 with the same hash

    /// <param name="searchDepth">Candidates tried per position: more finds longer matches (smaller files), slower to write.</param>
    public Lz4BlockEncoder(int searchDepth = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(searchDepth, 1);
        SearchDepth = searchDepth;
    }

    public int SearchDepth { get; }

    /// <summary>The largest output for <paramref name="rawLength"/> bytes: incompressible input grows by its length bytes and a token.</summary>
    public static int MaxCompressedLength(int rawLength) => rawLength + (rawLength / 255) + 16;

    /// <summary>Compresses <paramref name="source"/>; <paramref name="destination"/> needs <see cref="MaxCompressedLength"/> bytes. Returns the bytes written.</summary>
    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < MaxCompressedLength(source.Length))
        {
            throw new ArgumentException($"destination of {destination.Length} bytes is smaller than the {MaxCompressedLength(source.Length)} bytes {source.Length} raw bytes may need", nameof(destination));
        }

        int n = source.Length;
        int op = 0;
        int anchor = 0;
        if (n > MatchStartLimit)
        {
            Array.Clear(_head);
            if (_previous.Length < n)
            {
                _previous = new int[Math.Max(n, _previous.Length * 2)];
            }

            int lastStart = n - MatchStartLimit;
            int matchEnd = n - LastLiterals;
            int i = 0;
            while (i <= lastStart)
            {
                int length = FindMatch(source, i, matchEnd, out int from);
                Insert(source, i);
                if (length < MinMatch)
                {
                    i++;
                    continue;
                }

                op = WriteSequence(destination, op, source.Slice(anchor, i - anchor), i - from, length);
                int end = i + length;
                for (int p = i + 1; p < end && p <= lastStart; p++)
                {
                    Insert(source, p);
                }

                i = end;
                anchor = end;
            }
        }

        return WriteLastLiterals(destination, op, source[anchor..]);
    }

    private int FindMatch(ReadOnlySpan<byte> s, int i, int matchEnd, out int from)
    {
        uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(s[i..]);
        int candidate = _head[Hash(sequence)] - 1;
        int best = 0;
        from = 0;
        for (int tries = SearchDepth; candidate >= 0 && i - candidate <= MaxOffset && tries > 0; tries--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(s[candidate..]) == sequence)
            {
                int length = MinMatch + CommonLength(s, candidate + MinMatch, i + MinMatch, matchEnd);
                if (length > best)
                {
                    best = length;
                    from = candidate;
                }
            }

            candidate = _previous[candidate] - 1;
        }

        return best;
    }

    private void Insert(ReadOnlySpan<byte> s, int p)
    {
        int h = Hash(BinaryPrimitives.ReadUInt32LittleEndian(s[p..]));
        _previous[p] = _head[h];
        _head[h] = p + 1;
    }

    /// <summary>Bytes equal at <paramref name="a"/> and <paramref name="b"/> (a before b), stopping at <paramref name="end"/>.</summary>
    private static int CommonLength(ReadOnlySpan<byte> s, int a, int b, int end)
    {
        int start = b;
        while (end - b >= 8)
        {
            ulong diff = BinaryPrimitives.ReadUInt64LittleEndian(s[a..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(s[b..]);
            if (diff != 0)
            {
                return b - start + (BitOperations.TrailingZeroCount(diff) >> 3);
            }

            a += 8;
            b += 8;
        }

        while (b < end && s[a] == s[b])
        {
            a++;
            b++;
        }

        return b - start;
    }

    private static int Hash(uint sequence) => (int)((sequence * 2654435761u) >> (32 - HashBits));

    private static int WriteSequence(Span<byte> d, int op, ReadOnlySpan<byte> literals, int offset, int match)
    {
        int tokenAt = op++;
        int matchCode = match - MinMatch;
        int token = (Math.Min(literals.Length, 15) << 4) | Math.Min(matchCode, 15);
        op = WriteLengthTail(d, op, literals.Length);
        literals.CopyTo(d[op..]);
        op += literals.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(d[op..], (ushort)offset);
        op += 2;
        op = WriteLengthTail(d, op, matchCode);
        d[tokenAt] = (byte)token;
        return op;
    }

    private static int WriteLastLiterals(Span<byte> d, int op, ReadOnlySpan<byte> literals)
    {
        d[op++] = (byte)(Math.Min(literals.Length, 15) << 4);
        op = WriteLengthTail(d, op, literals.Length);
        literals.CopyTo(d[op..]);
        return op + literals.Length;
    }

    /// <summary>A length of 15 or more continues after its nibble: 255 per full step, then the remainder.</summary>
    private static int WriteLengthTail(Span<byte> d, int op, int length)
    {
        if (length < 15)
        {
            return op;
        }

        int rest = length - 15;
        while (rest >= 255)
        {
            d[op++] = 255;
            rest -= 255;
        }

        d[op++] = (byte)rest;
        return op;
    }
}
