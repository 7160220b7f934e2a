namespace FlashTrader.Storage.State;

/// <summary>
/// The text of a byte-sized enum value, as its name (what ToString gives) or its name in upper case, from arrays built
/// once: no string is made and nothing is boxed per row or view (an enum's ToString boxes, and ToUpperInvariant copies).
/// The journal writes its rows with it, the dashboard its views.
/// </summary>
public static class EnumText<T>
    where T : struct, Enum
{
    private static readonly string[] Names = Build(upper: false);
    private static readonly string[] UpperNames = Build(upper: true);

    public static string Name(T value) => Lookup(Names, value, upper: false);

    public static string Upper(T value) => Lookup(UpperNames, value, upper: true);

    private static string Lookup(string[] names, T value, bool upper)
    {
        int i = Convert.ToInt32(Index(value));
        return i < names.Length && names[i] is { } name ? name : upper ? value.ToString().ToUpperInvariant() : value.ToString();
    }

    private static byte Index(T value) => System.Runtime.CompilerServices.Unsafe.As<T, byte>(ref value);

    private static string[] Build(bool upper)
    {
        if (System.Runtime.CompilerServices.Unsafe.SizeOf<T>() != 1)
        {
            throw new NotSupportedException($"{typeof(T).Name}: only byte-sized enums");
        }

        T[] values = Enum.GetValues<T>();
        var names = new string[values.Length == 0 ? 0 : values.Max(v => Index(v)) + 1];
        foreach (T v in values)
        {
            string name = v.ToString();
            names[Index(v)] = upper ? name.ToUpperInvariant() : name;
        }

        return names;
    }
}
