using System.Buffers.Binary;
using System.Text;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// The configured symbols and their ids (the index in the list), looked up straight from the UTF-8 bytes of a
/// frame so resolving a symbol allocates nothing. Open addressing over a word-at-a-time multiplicative hash; built once, read-only after.
/// </summary>
public sealed class SymbolTable
{
    private readonly byte[][] _names;
    private readonly string[] _strings;
    private readonly int[] _slots; // symbol id + 1; 0 marks an empty slot
    private readonly int _mask;

    public SymbolTable(IEnumerable<string> symbols)
    {
        _strings = symbols.ToArray();
        _names = new byte[_strings.Length][];
        int size = 8;
        while (size < _strings.Length * 4)
        {
            size *= 2;
        }

        _slots = new int[size];
        _mask = size - 1;
        for (int id = 0; id < _strings.Length; id++)
        {
            string name = _strings[id];
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"symbol #{id} is empty", nameof(symbols));
            }

            byte[] utf8 = Encoding.UTF8.GetBytes(name);
            if (TryGetId(utf8, out int existing))
            {
                throw new ArgumentException($"symbol '{name}' is listed twice (#{existing} and #{id})", nameof(symbols));
            }

            _names[id] = utf8;
            int slot = (int)Hash(utf8) & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = id + 1;
        }
    }

    public int Count => _strings.Length;

    public string NameOf(int id) => _strings[id];

    public ReadOnlySpan<byte> Utf8NameOf(int id) => _names[id];

    public bool TryGetId(ReadOnlySpan<byte> utf8Name, out int id)
    {
        int slot = (int)Hash(utf8Name) & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                id = -1;
                return false;
            }

            byte[]? candidate = _names[entry - 1];
            if (candidate is not null && utf8Name.SequenceEqual(candidate))
            {
                id = entry - 1;
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>
    /// Eight bytes at a time (the tail as the last eight, overlapping), multiplied through so the high half mixes every
    /// input bit: a symbol costs one or two multiplications instead of one per byte.
    /// </summary>
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong K = 0x9E37_79B9_7F4A_7C15;
        int length = bytes.Length;
        ulong hash = (ulong)length * K;
        if (length >= 8)
        {
            int at = 0;
            for (; at <= length - 8; at += 8)
            {
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..])) * K;
            }

            if (at < length)
            {
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[(length - 8)..])) * K;
            }
        }
        else if (length >= 4)
        {
            ulong word = BinaryPrimitives.ReadUInt32LittleEndian(bytes) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(length - 4)..]) << 32);
            hash = (hash ^ word) * K;
        }
        else
        {
            foreach (byte b in bytes)
            {
                hash = (hash ^ b) * K;
            }
        }

        return (uint)(hash >> 32);
    }
}
