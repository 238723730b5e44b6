using OncologyMassage.LocalHost.Azurite;

[assembly: AssemblyFixture(typeof(OncologyMassage.IntegrationTests.Infrastructure.AzuriteFixture))]

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>One Azurite for the whole test run, in a throwaway folder; each test uses its own task hub and table prefix.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? azurite;

    public string ConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public async ValueTask InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "om-it-azurite-" + Guid.NewGuid().ToString("N"));
        azurite = await AzuriteLauncher.StartAsync(folder, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
            try
            {
                Directory.Delete(azurite.DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
