namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// One <see cref="TestHost"/> (web app + Durable Task engine, own task hub and table prefix) for every test of a class:
/// a test class takes it with <c>IClassFixture&lt;SharedHost&gt;</c> instead of starting a host per test. xUnit runs the
/// tests of one class one after another and different classes in parallel, so a shared host is never used by two
/// tests at once; what one test leaves behind is still there for the next, so each test works on referrals (ids) it
/// created itself and reads only those, never "the only row in the table". A test that needs a host of its own
/// (other settings, a restart, an empty store) keeps calling <see cref="TestHost.StartAsync(AzuriteFixture, TimeSpan?, TimeSpan?)"/>.
/// </summary>
public class SharedHost(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestHost? host;

    public TestHost Host => host ?? throw new InvalidOperationException("The shared host has not started.");

    public async ValueTask InitializeAsync() => host = await StartAsync(azurite);

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the host; a subclass may start it with other settings.</summary>
    protected virtual Task<TestHost> StartAsync(AzuriteFixture azurite) => TestHost.StartAsync(azurite);
}

/// <summary>A shared <see cref="CoordinatorHost"/>: the coordinators' API, signed-in clients, App Service principals not trusted.</summary>
public sealed class SharedCoordinatorHost(AzuriteFixture azurite) : SharedHost(azurite)
{
    protected override Task<TestHost> StartAsync(AzuriteFixture azurite) => CoordinatorHost.StartAsync(azurite);
}

/// <summary>
/// A second shared host for the tests of a class that prove a refused request writes nothing: they send only requests
/// that must be refused, so its store stays empty and "no rows, no instances" keeps meaning exactly that, while the
/// class's other tests write on their <see cref="SharedHost"/>.
/// </summary>
public sealed class QuietHost(AzuriteFixture azurite) : SharedHost(azurite);
