namespace FlashTrader.Tests.Shared;

/// <summary>Finds the project's shared folder (real market data) by walking up from the test assembly.</summary>
public static class SharedFolder
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Path => Root.Value;

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, "shared", "data")))
            {
                return System.IO.Path.Combine(dir.FullName, "shared");
            }

            string sibling = System.IO.Path.Combine(dir.FullName, "..", "shared");
            if (Directory.Exists(System.IO.Path.Combine(sibling, "data")))
            {
                return System.IO.Path.GetFullPath(sibling);
            }
        }

        throw new DirectoryNotFoundException($"no 'shared/data' folder above {AppContext.BaseDirectory}");
    }
}
