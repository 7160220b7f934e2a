namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>Finds the repository-wide shared folder (real data, captured frames) from the test assembly's directory.</summary>
public static class SharedFolder
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Path => Root.Value;

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string inside = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(inside, "data")))
            {
                return inside;
            }

            if (dir.Parent is not null)
            {
                string sibling = System.IO.Path.Combine(dir.Parent.FullName, "shared");
                if (Directory.Exists(sibling))
                {
                    return sibling;
                }
            }
        }

        throw new DirectoryNotFoundException($"no 'shared' folder (with data/) above {AppContext.BaseDirectory}");
    }
}
