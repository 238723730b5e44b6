namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>
/// The data folder of <see cref="RestartTests"/> and the host a test left running on it. Each restart test stops or kills a
/// host and starts the next one on the same folder; the next test takes that one as its "before" host instead of
/// starting another, so the class starts three hosts instead of four (a start is 5–10 s of CPU: the host, its Azurite, the
/// task hub's leases). A test may inherit another test's referrals in the folder and reads only the referral it posted.
/// </summary>
public sealed class RestartFolder : IAsyncDisposable
{
    private readonly TempDataFolder data = new();
    private LocalHostProcess? running;

    public string Path => data.Path;

    /// <summary>The host the previous test left running on the folder, or a new one; the caller owns it.</summary>
    public async Task<LocalHostProcess> TakeAsync()
    {
        var host = running ?? await LocalHostProcess.StartAsync(data.Path);
        running = null;
        return host;
    }

    /// <summary>Starts a host on the folder and keeps it for the next test (or stops it at the end); the caller must not dispose it.</summary>
    public async Task<LocalHostProcess> RestartAsync()
    {
        running = await LocalHostProcess.StartAsync(data.Path);
        return running;
    }

    public async ValueTask DisposeAsync()
    {
        if (running is not null)
        {
            await running.DisposeAsync();
        }

        data.Dispose();
    }
}
