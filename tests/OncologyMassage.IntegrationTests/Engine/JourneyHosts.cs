using OncologyMassage.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(OncologyMassage.IntegrationTests.Engine.FastJourneyHost))]

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>The settings profiles of the engine journeys: each is one shared host, never one host per test.</summary>
internal static class JourneySettings
{
    /// <summary>Follow-ups 1, 2 and 3 s after a session, each waiting 30 s for its reply: what most journeys need.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Fast = new Dictionary<string, string?>
    {
        ["Workflow:FirstFollowUpAfter"] = "00:00:01",
        ["Workflow:SecondFollowUpAfter"] = "00:00:02",
        ["Workflow:ThirdFollowUpAfter"] = "00:00:03",
        ["Workflow:FollowUpReplyWindow"] = "00:00:30",
    };

    /// <summary>Short enough that the first follow-up's link is past its window by the end of a two-session series.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastWindow = new Dictionary<string, string?>(Fast) { ["Workflow:FollowUpReplyWindow"] = "00:00:15" };

    /// <summary>A follow-up nobody answers closes after a second.</summary>
    public static readonly IReadOnlyDictionary<string, string?> NoReplyWindow = new Dictionary<string, string?>(Fast) { ["Workflow:FollowUpReplyWindow"] = "00:00:01" };
}

/// <summary>
/// One host with the <see cref="JourneySettings.Fast"/> profile for every journey test class of the assembly that needs
/// nothing else (an assembly fixture, so classes that run side by side share it; it is started by the first test that
/// asks and stopped after the last test, so a run that needs none starts none). Each test works in a
/// <see cref="Journey"/> of its own: its own venue, coordinator and client numbers.
/// </summary>
public sealed class FastJourneyHost : IAsyncDisposable
{
    private readonly Lock gate = new();
    private Task<TestHost>? host;

    /// <summary>The running host, started (on the run's Azurite) by the first caller.</summary>
    public Task<TestHost> HostAsync(AzuriteFixture azurite)
    {
        lock (gate)
        {
            return host ??= TestHost.StartAsync(azurite, JourneySettings.Fast);
        }
    }

    /// <summary>A venue, coordinator and client numbers of the test's own on the shared host.</summary>
    internal async Task<Journey> JourneyAsync(AzuriteFixture azurite) => await Journey.StartAsync(await HostAsync(azurite));

    public async ValueTask DisposeAsync()
    {
        Task<TestHost>? started;
        lock (gate)
        {
            started = host;
        }

        if (started is { IsCompletedSuccessfully: true })
        {
            await started.Result.DisposeAsync();
        }
    }
}

/// <summary>A class's host with the <see cref="JourneySettings.FastWindow"/> profile.</summary>
public sealed class FastWindowJourneyHost(AzuriteFixture azurite) : SharedHost(azurite)
{
    protected override Task<TestHost> StartAsync(AzuriteFixture azurite) => TestHost.StartAsync(azurite, JourneySettings.FastWindow);
}

/// <summary>A class's host with the <see cref="JourneySettings.NoReplyWindow"/> profile.</summary>
public sealed class NoReplyJourneyHost(AzuriteFixture azurite) : SharedHost(azurite)
{
    protected override Task<TestHost> StartAsync(AzuriteFixture azurite) => TestHost.StartAsync(azurite, JourneySettings.NoReplyWindow);
}
