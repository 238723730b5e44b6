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
/// are there after a restart. The tests are about the process, so they start and end hosts themselves, on one data folder
/// for the class (<see cref="RestartFolder"/>): the host a test restarts is the next test's host to stop or kill, and each
/// test reads back only the referral it posted. A class of its own, apart from <see cref="RunCommandTests"/>, so the two
/// run side by side.
/// </summary>
public sealed class RestartTests(RestartFolder folder) : IClassFixture<RestartFolder>
{
    [Fact]
    public async Task KilledHost_WriteConfirmedJustBefore_SurvivesRestart()
    {
        // A crash, not a stop: the host is killed (SIGKILL) right after the API confirmed a write. Azurite keeps tables in
        // memory and saves them every 5 s; its watchdog must save them when the host is gone, not exit and drop the last seconds.
        // The test kills the class's running host and restarts on its data folder.
        var first = await folder.TakeAsync();
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

        var second = await folder.RestartAsync();
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        again.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
        using var read = await again.GetAsync(location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Restart_KeepsReferralsInTheDataFolder()
    {
        // The test stops the class's running host and starts another on its data folder.
        Uri location;
        await using (var first = await folder.TakeAsync())
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            http.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
            var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral.json"), TestContext.Current.CancellationToken);
            using var posted = await http.PostAsync("api/referrals", new StringContent(sample, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            location = posted.Headers.Location!;
            // This referral's line: a referral of the previous test may be printed too, resumed after its host was killed.
            await first.WaitForOutputAsync(new Regex($@"Referral {Regex.Escape(location.OriginalString.Split('/')[^1])} -> MdReleaseRequested"), TimeSpan.FromSeconds(10));
            await first.StopAsync(TimeSpan.FromSeconds(60));
        }

        var second = await folder.RestartAsync();
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        again.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
        var referral = await again.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken);

        Assert.Equal("MdReleaseRequested", referral.GetProperty("stage").GetString());
    }
}
