using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OncologyMassage.LocalHost.Azurite;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;

namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>
/// The crash suite (docs/reliability.md): N referrals are submitted and the oncologist declines each release, while the
/// local host is killed with SIGKILL at random moments K times and restarted on the same data folder. The actors live in
/// this process, outside the host: the practice posts with an Idempotency-Key and retries, the oncologist reads the release
/// email from a WireMock SendGrid stub (which counts every send per outbox key) and posts the signed link's form.
/// Pass: every referral Declined, every release request accepted by the vendor exactly once, no answer lost. Short mode by
/// default; long mode (N=100, K=10) with OM_CRASH_LONG=1. Each kill prints its recovery time.
/// </summary>
public sealed partial class CrashSuiteTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "om-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Kill moments, not secrets.")]
    public async Task CrashSuite_HostKilledAtRandomMoments_EveryReferralClosedEachMessageOnceNoAnswerLost()
    {
        var longMode = Environment.GetEnvironmentVariable("OM_CRASH_LONG") == "1";
        var (referrals, kills) = longMode ? (100, 10) : (4, 2);
        var random = new Random(longMode ? Environment.TickCount : 16);
        var ct = TestContext.Current.CancellationToken;
        using var vendor = WireMockServer.Start();
        vendor.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => new ResponseMessage
            {
                StatusCode = 202,
                Headers = new Dictionary<string, WireMockList<string>> { ["X-Message-Id"] = new("sg" + Guid.NewGuid().ToString("N")) },
            }));
        string[] args =
        [
            "--Messaging:EmailProvider=SendGrid", "--Messaging:MaxRetryAttempts=0", "--SendGrid:ApiKey=SG.crash-suite",
            $"--SendGrid:BaseUrl={vendor.Url}", "--Email:FromAddress=referrals@clinic.example", "--Email:FromName=Clinic Referrals",
            "--LocalHost:OrphanSweepInterval=00:00:02", "--OrphanReferrals:SettleAfter=00:00:05",
        ];

        var host = await LocalHostProcess.StartAsync(dataFolder, args);
        var current = new HostSlot(host);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var actors = Enumerable.Range(1, referrals).Select(i => WalkAsync(i, current, vendor, stop.Token)).ToArray();
        var recoveries = new List<TimeSpan>();
        try
        {
            for (var k = 1; k <= kills; k++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000, longMode ? 15000 : 4000)), ct);
                var moved = Progress.Moves;
                current.Host.Kill();
                await WaitUntilGoneAsync(current.Host.AzuritePid);
                await current.Host.DisposeAsync();
                var restart = Stopwatch.StartNew();
                current.Host = await LocalHostProcess.StartAsync(dataFolder, args);
                var listening = restart.Elapsed;
                var done = actors.Count(a => a.IsCompleted);
                while (Progress.Moves == moved && actors.Any(a => !a.IsCompleted) && restart.Elapsed < TimeSpan.FromSeconds(120))
                {
                    await Task.Delay(100, ct);
                }

                recoveries.Add(restart.Elapsed);
                Report($"kill {k}: host answering after {listening.TotalSeconds:F1} s, first step of an in-flight referral after {restart.Elapsed.TotalSeconds:F1} s ({done}/{referrals} closed before the kill)");
            }

            await Task.WhenAll(actors).WaitAsync(TimeSpan.FromMinutes(longMode ? 30 : 3), ct);
        }
        finally
        {
            await stop.CancelAsync();
            await current.Host.DisposeAsync();
        }

        var bodies = vendor.LogEntries.Where(e => e.RequestMessage.Path == "/v3/mail/send").Select(e => e.RequestMessage.Body ?? "").ToArray();
        var sends = bodies.Select(b => OutboxKey().Match(b).Groups[1].Value).ToArray();
        var perKey = sends.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Report($"{referrals} referrals, {kills} kills: {perKey.Count} messages, {sends.Length} vendor requests; recovery max {recoveries.DefaultIfEmpty().Max().TotalSeconds:F1} s");
        var closed = actors.Select(a => a.Result).ToArray();
        Assert.All(closed, r => Assert.Equal("Declined", r.Stage));
        Assert.All(closed, r => Assert.True(bodies.Count(b => IsReleaseRequest(b, r.Id)) == 1, $"{r.Id}: release request sent {bodies.Count(b => IsReleaseRequest(b, r.Id))} times"));
        Assert.All(perKey, p => Assert.True(p.Value == 1, $"{p.Key} sent {p.Value} times"));
    }

    /// <summary>To the test's output and, when OM_CRASH_LOG names a file, to that file as it happens (a long run can be watched).</summary>
    private void Report(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("OM_CRASH_LOG") is { Length: > 0 } log)
        {
            File.AppendAllText(log, $"{DateTime.UtcNow:HH:mm:ss} {line}{Environment.NewLine}");
        }
    }

    /// <summary>One referral's people: the practice submits it, the oncologist declines the release from the email's link.</summary>
    private static async Task<(string Id, string Stage)> WalkAsync(int index, HostSlot slot, WireMockServer vendor, CancellationToken ct)
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral.json"), ct);
        var id = await RetryAsync(slot, async http =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/referrals") { Content = new StringContent(sample, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", $"crash-{index}");
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Created
                ? (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()
                : null;
        }, ct);

        var link = await ReleaseLinkAsync(vendor, id, ct);
        await RetryAsync(slot, async http =>
        {
            using var page = await http.GetAsync(new Uri(link, UriKind.Relative), ct);
            if (page.StatusCode == HttpStatusCode.Conflict && (await page.Content.ReadAsStringAsync(ct)).Contains("already", StringComparison.OrdinalIgnoreCase))
            {
                return "done"; // an earlier post was stored before the host died; the referral's stage below proves it was not lost
            }

            if (page.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var html = await page.Content.ReadAsStringAsync(ct);
            var form = Hidden().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
            form["physicianName"] = "Dr. Crash Suite";
            form["signature"] = "Dr. Crash Suite";
            form["attest"] = "yes";
            form["decision"] = "decline";
            form["reason"] = "Not during the current treatment cycle";
            using var content = new FormUrlEncodedContent(form);
            using var posted = await http.PostAsync(new Uri(link, UriKind.Relative), content, ct);
            return posted.IsSuccessStatusCode ? "done" : null;
        }, ct);

        var seen = "";
        while (true)
        {
            var stage = await RetryAsync(slot, async http =>
            {
                using var response = await http.GetAsync(new Uri($"api/referrals/{id}", UriKind.Relative), ct);
                return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("stage").GetString() : null;
            }, ct);
            if (stage != seen)
            {
                Progress.Moved();
                seen = stage;
            }

            if (stage is "Declined" or "Expired" or "Cancelled" or "Completed")
            {
                return (id, stage);
            }

            await Task.Delay(250, ct);
        }
    }

    /// <summary>The path of the signed release link in the email the vendor accepted for the referral.</summary>
    private static async Task<string> ReleaseLinkAsync(WireMockServer vendor, string referralId, CancellationToken ct)
    {
        while (true)
        {
            var body = vendor.LogEntries.Select(e => e.RequestMessage.Body ?? "")
                .FirstOrDefault(b => IsReleaseRequest(b, referralId));
            if (body is not null && ReleaseLink().Match(body) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            await Task.Delay(200, ct);
        }
    }

    private static bool IsReleaseRequest(string body, string referralId) =>
        body.Contains($"\"referral_id\":\"{referralId}\"", StringComparison.Ordinal) && OutboxKey().Match(body).Groups[1].Value.EndsWith(":md-release:1", StringComparison.Ordinal);

    /// <summary>Calls the current host until the call gives a value; a dead or restarting host is simply tried again.</summary>
    private static async Task<string> RetryAsync(HostSlot slot, Func<HttpClient, Task<string?>> call, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                using var http = new HttpClient { BaseAddress = slot.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
                http.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
                if (await call(http) is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The host is down or restarting.
            }

            await Task.Delay(300, ct);
        }
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (LocalHostProcess.IsRunning(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    private sealed class HostSlot(LocalHostProcess host)
    {
        public LocalHostProcess Host { get; set; } = host;
    }

    private static class Progress
    {
        private static int moves;

        public static int Moves => Volatile.Read(ref moves);

        public static void Moved() => Interlocked.Increment(ref moves);
    }

    [GeneratedRegex("\"idempotency_key\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex OutboxKey();

    [GeneratedRegex(@"https?://[^/\s""]+/(api/release/[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+)")]
    private static partial Regex ReleaseLink();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();
}
