using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Azurite;

namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>
/// The data folder outlives the process: a write confirmed just before a kill, and referrals across a graceful stop,
/// are there after a restart. Each test starts its own hosts in its own data folder (it is about the process). A class of
/// its own, apart from <see cref="RunCommandTests"/>, so the two run side by side: each test here starts two hosts.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempDataFolder data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task KilledHost_WriteConfirmedJustBefore_SurvivesRestart()
    {
        // A crash, not a stop: the host is killed (SIGKILL) right after the API confirmed a write. Azurite keeps tables in
        // memory and saves them every 5 s; its watchdog must save them when the host is gone, not exit and drop the last seconds.
        // Hosts of its own: the test kills one and restarts on its data folder.
        var first = await LocalHostProcess.StartAsync(data.Path);
        Uri location;
        await using (first)
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            http.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
            var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral.json"), TestContext.Current.CancellationToken);
            using var posted = await http.PostAsync("api/referrals", new StringContent(sample, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            location = posted.Headers.Location!;

            first.Kill();

            // Only the watchdog may end Azurite here (disposing the test's handle would kill it first).
            await Eventually.UntilAsync(() => Task.FromResult(!LocalHostProcess.IsRunning(first.AzuritePid)), "the watchdog ending Azurite",
                TimeSpan.FromSeconds(60));

            Assert.False(LocalHostProcess.IsRunning(first.AzuritePid), "Azurite outlived its killed host.");
        }

        await using var second = await LocalHostProcess.StartAsync(data.Path);
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        again.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
        using var read = await again.GetAsync(location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Restart_KeepsReferralsInTheDataFolder()
    {
        // Hosts of their own: the test stops one and starts another on its data folder.
        Uri location;
        await using (var first = await LocalHostProcess.StartAsync(data.Path))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            http.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
            var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral.json"), TestContext.Current.CancellationToken);
            using var posted = await http.PostAsync("api/referrals", new StringContent(sample, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            location = posted.Headers.Location!;
            await first.WaitForOutputAsync(new Regex(@"-> MdReleaseRequested"), TimeSpan.FromSeconds(10));
            await first.StopAsync(TimeSpan.FromSeconds(60));
        }

        await using var second = await LocalHostProcess.StartAsync(data.Path);
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        again.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
        var referral = await again.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken);

        Assert.Equal("MdReleaseRequested", referral.GetProperty("stage").GetString());
    }
}
