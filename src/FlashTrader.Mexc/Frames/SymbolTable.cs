using System.Text;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// The configured symbols and their ids (the index in the list), looked up straight from the UTF-8 bytes of a
/// frame so resolving a symbol allocates nothing. Open addressing over an FNV-1a hash; built once, read-only after.
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

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        uint hash = 2166136261;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
