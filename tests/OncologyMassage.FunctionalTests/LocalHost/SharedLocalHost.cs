[assembly: AssemblyFixture(typeof(OncologyMassage.FunctionalTests.LocalHost.SharedLocalHost))]

namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>
/// One local-host process (the README's run command, demo off, with its own Azurite and data folder) for every test in
/// the assembly that only talks to a running host over HTTP: the dashboard end to end, the sample curl. Starting one costs
/// 10–20 s on the shared machine. It is started by the first test that asks and stopped after the last test, so a run
/// that needs none starts none. Tests on it read only what they created (their own referral, found by its id), since
/// other tests' referrals are in the same store. Tests about the process itself (--demo, stop, kill, restart, the crash
/// suite) start their own <see cref="LocalHostProcess"/>.
/// </summary>
public sealed class SharedLocalHost : IAsyncDisposable
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "om-ft-shared-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<Task<LocalHostProcess>> host;

    public SharedLocalHost() =>
        host = new(() => LocalHostProcess.StartAsync(dataFolder), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The running host, started on the first call.</summary>
    public Task<LocalHostProcess> HostAsync() => host.Value;

    public async ValueTask DisposeAsync()
    {
        if (host.IsValueCreated)
        {
            try
            {
                await (await host.Value).DisposeAsync();
            }
            catch (TimeoutException)
            {
                // It never started; the test that asked for it failed with its console.
            }
        }

        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
