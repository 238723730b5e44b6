namespace OncologyMassage.LocalHost.Azurite;

/// <summary>Finds the repository root (the folder with OncologyMassage.Functions.sln and the package.json pinning Azurite).</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OncologyMassage.Functions.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the OncologyMassage.Functions repository: its package.json pins Azurite.");
    }
}
