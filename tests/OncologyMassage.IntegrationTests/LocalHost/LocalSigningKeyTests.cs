using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.LocalHost;

/// <summary>
/// The local host's own link-signing key (issue 16): one per deployment, kept with that deployment's data, the same after
/// a restart, so links already in the dev outbox keep working.
/// </summary>
public sealed class LocalSigningKeyTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "om-key-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void InDataFolder_TwoDataFolders_EachKeepsItsOwnKeyInsideAndNothingInTheParent()
    {
        var first = Path.Combine(root, "one");
        var second = Path.Combine(root, "two");

        var firstKey = LocalSigningKey.InDataFolder(first);
        var secondKey = LocalSigningKey.InDataFolder(second);

        Assert.NotEqual(firstKey, secondKey);
        Assert.Equal(firstKey, File.ReadAllText(Path.Combine(first, LocalSigningKey.FileName)).Trim());
        Assert.Empty(Directory.GetFiles(root));
        Assert.Equal(32, Convert.FromBase64String(firstKey).Length);
    }

    [Fact]
    public void InDataFolder_AfterARestart_IsTheSameKey()
    {
        var folder = Path.Combine(root, "azurite");

        Assert.Equal(LocalSigningKey.InDataFolder(folder), LocalSigningKey.InDataFolder(folder));
    }

    [Fact]
    public async Task InStorage_AfterARestartAndPerPrefix_IsStableAndSeparate()
    {
        var prefix = "k" + Guid.NewGuid().ToString("N")[..12];

        var first = await LocalSigningKey.InStorageAsync(azurite.ConnectionString, prefix, TestContext.Current.CancellationToken);
        var again = await LocalSigningKey.InStorageAsync(azurite.ConnectionString, prefix, TestContext.Current.CancellationToken);
        var other = await LocalSigningKey.InStorageAsync(azurite.ConnectionString, prefix + "x", TestContext.Current.CancellationToken);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task BuildAsync_ExternalStorageAndNoConfiguredKey_SignsWithTheKeyKeptInThatStorage()
    {
        var hub = "h" + Guid.NewGuid().ToString("N")[..12];
        await using var host = await TestHost.StartAsync(azurite, hub, overrides: new Dictionary<string, string?> { ["Links:SigningKey"] = null });

        var used = host.App.Services.GetRequiredService<IOptions<LinkOptions>>().Value.SigningKey;

        Assert.Equal(await LocalSigningKey.InStorageAsync(azurite.ConnectionString, hub, TestContext.Current.CancellationToken), used);
    }
}
