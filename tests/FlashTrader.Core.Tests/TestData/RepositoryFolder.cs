namespace FlashTrader.Core.Tests.TestData;

/// <summary>Finds a folder of the repository (e.g. config/strategies) by walking up from the test assembly.</summary>
internal static class RepositoryFolder
{
    public static string Find(params string[] parts)
    {
        string relative = Path.Combine(parts);
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
