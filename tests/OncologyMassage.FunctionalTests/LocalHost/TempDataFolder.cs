namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>A fresh data folder for one local host (its Azurite files, signing key), deleted when the test ends.</summary>
public sealed class TempDataFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "om-ft-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
