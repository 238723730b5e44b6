using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.LocalHost.Demo;

namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>
/// The crash suite (docs/reliability.md, issue 16 items 2 and 3): N referrals walk the whole journey (release approved,
/// intake, slot chosen by text, consent, session, three follow-ups, Completed) with shortened timers, while the local host
/// is killed with SIGKILL K times and restarted on the same data: every other kill at a random moment, the others the
/// moment the vendor stub receives a send (the host dies between the vendor call and the outbox update). Storage goes
/// through a <see cref="FaultProxy"/> (503s, 500s, hangs past the client timeout, dropped connections) to an Azurite that
/// outlives the host. The actors (practice, oncologist, client, therapist) live in this process, outside the host, and
/// retry whatever a dead host did not answer; messages go to <see cref="VendorStubs"/>, which records each per outbox key.
/// Pass: every referral Completed, every expected message accepted once, every outbox key once, no answer lost (a lost
/// answer leaves its referral waiting, and the suite names the step). Short mode by default; long mode
/// (N=100, K=10) with OM_CRASH_LONG=1; OM_CRASH_FAULTS sets the fault rate (0: no proxy, the host's own Azurite).
/// </summary>
public sealed partial class CrashSuiteTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The messages every referral's journey sends (outbox key suffixes), each to be accepted exactly once.</summary>
    private static readonly string[] ExpectedMessages = [":md-release:1", ":intake:1", ":slots:1:1", ":consent:1", ":booked:1", ":sms24h-1", ":survey-1", ":sms30d-1"];

    private static readonly string[] ClosedStages = ["Completed", "Declined", "Expired", "Cancelled"];

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "om-crash-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<int, string> steps = new();

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
    public async Task CrashSuite_WholeJourneyHostKilledDuringSendsAndWaitsUnderStorageFaults_EveryReferralCompletedEachMessageOnceNoAnswerLost()
    {
        var longMode = Environment.GetEnvironmentVariable("OM_CRASH_LONG") == "1";
        var (referrals, kills) = longMode ? (100, 10) : (3, 2);
        var faultRate = double.TryParse(Environment.GetEnvironmentVariable("OM_CRASH_FAULTS"), System.Globalization.CultureInfo.InvariantCulture, out var rate) ? rate : longMode ? 0.02 : 0.01;
        var seed = longMode ? Environment.TickCount : 16;
        var random = new Random(seed);
        var ct = TestContext.Current.CancellationToken;
        var wall = Stopwatch.StartNew();
        using var vendor = new VendorStubs();

        AzuriteInstance? azurite = null;
        FaultProxy? proxy = null;
        var args = vendor.HostArguments().Concat(Timers()).ToList();
        if (!longMode)
        {
            // Short mode only: a dead host's work is taken again sooner (the long mode keeps the local host's defaults, 15 s and 30 s).
            args.AddRange(["--LocalHost:WorkItemQueueVisibilityTimeout=00:00:05", "--LocalHost:ControlQueueVisibilityTimeout=00:00:08"]);
        }

        if (faultRate > 0)
        {
            // Azurite outside the host (it outlives each kill), the host's storage through the fault proxy.
            azurite = await AzuriteLauncher.StartAsync(Path.Combine(dataFolder, "azurite"), ct);
            proxy = await FaultProxy.StartAsync(azurite.ConnectionString, faultRate, seed);
            args.Add($"--LocalHost:StorageConnectionString={proxy.ConnectionString}");
        }

        var current = new HostSlot(await LocalHostProcess.StartAsync(dataFolder, [.. args]));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = vendor.PumpEventsAsync(() => current.Host.BaseAddress, stop.Token);
        var actors = Enumerable.Range(1, referrals).Select(i => WalkAsync(i, seed, current, vendor, stop.Token)).ToArray();
        var recoveries = new List<TimeSpan>();
        var consoles = new List<string>();
        try
        {
            for (var k = 1; k <= kills && actors.Any(a => !a.IsCompleted); k++)
            {
                var duringSend = k % 2 == 1;
                if (duringSend)
                {
                    var dying = current.Host;
                    var send = vendor.ArmKillOnNextSend(dying.Kill);
                    await Task.WhenAny(send, Task.WhenAll(actors), Task.Delay(TimeSpan.FromMinutes(2), ct));
                    if (!send.IsCompleted)
                    {
                        vendor.Release();
                        continue;
                    }
                }
                else
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2000, longMode ? 30000 : 8000)), ct);
                }

                var moved = Progress.Moves;
                var done = actors.Count(a => a.IsCompleted);
                current.Host.Kill();
                vendor.Release();
                if (current.Host.AzuritePid != 0)
                {
                    await WaitUntilGoneAsync(current.Host.AzuritePid);
                }

                consoles.Add(current.Host.Output);
                await current.Host.DisposeAsync();
                var restart = Stopwatch.StartNew();
                current.Host = await LocalHostProcess.StartAsync(dataFolder, [.. args]);
                var listening = restart.Elapsed;
                while (Progress.Moves == moved && actors.Any(a => !a.IsCompleted) && restart.Elapsed < TimeSpan.FromSeconds(120))
                {
                    await Task.Delay(100, ct);
                }

                recoveries.Add(restart.Elapsed);
                Report($"kill {k} ({(duringSend ? "during a send" : "at a random moment")}): host answering after {listening.TotalSeconds:F1} s, "
                    + $"first step of an in-flight referral after {restart.Elapsed.TotalSeconds:F1} s ({done}/{referrals} closed before the kill)");
            }

            var all = Task.WhenAll(actors);
            var deadline = Task.Delay(TimeSpan.FromMinutes(longMode ? 40 : 3), ct);
            while (await Task.WhenAny(all, deadline, Task.Delay(TimeSpan.FromMinutes(1), ct)) is var first && first != all && first != deadline)
            {
                Report($"{wall.Elapsed.TotalMinutes:F1} min: {actors.Count(a => a.IsCompleted)}/{referrals} closed; {proxy?.Summary() ?? "no storage faults"}");
            }

            if (!all.IsCompleted)
            {
                var waiting = steps.Where(s => !s.Value.StartsWith("closed", StringComparison.Ordinal)).Select(s => s.Value).ToArray();
                consoles.Add(current.Host.Output);
                var lines = consoles.SelectMany((c, i) => c.Split('\n').Select(l => $"[host {i + 1}] {l}"))
                    .Where(l => waiting.Any(w => l.Contains(w.Split(' ')[0], StringComparison.Ordinal)) || l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal));
                // What the closed ones say is reported all the same: a long run that leaves one referral open still counts its sends.
                var accepted = vendor.Accepted;
                var twice = accepted.GroupBy(m => m.Key).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToArray();
                var exactly = $"{actors.Count(a => a.IsCompleted)}/{referrals} closed; {accepted.Count} vendor requests for {accepted.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count()} messages; "
                    + $"accepted more than once: {(twice.Length == 0 ? "none" : string.Join(", ", twice))}";
                Report(exactly);
                Assert.Fail($"Referrals still open (a lost answer or a stuck instance) after {wall.Elapsed.TotalSeconds:F0} s ({exactly}): {string.Join("; ", waiting)}\n{string.Join("\n", lines.TakeLast(150))}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            if (Environment.GetEnvironmentVariable("OM_CRASH_HOSTLOG") is { Length: > 0 } hostLog)
            {
                // Every host's console, in order, for a run that needs explaining (OM_CRASH_HOSTLOG=/tmp/hosts.txt).
                await File.WriteAllLinesAsync(hostLog, consoles.Append(current.Host.Output).SelectMany((c, i) => c.Split('\n').Select(l => $"[host {i + 1}] {l}")), CancellationToken.None);
            }

            await current.Host.DisposeAsync();
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            try
            {
                await pump;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        var sent = vendor.Accepted;
        var perKey = sent.GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Count());
        Report($"{referrals} referrals, {kills} kills, {wall.Elapsed.TotalSeconds:F0} s: {perKey.Count} messages, {sent.Count} vendor requests "
            + $"({sent.Count(m => m.Channel == "sms")} texts, {sent.Count(m => m.Channel == "email")} emails); "
            + $"{vendor.ActivityLookups} email activity lookups ({vendor.WithheldEvents} processed events withheld); recovery max {recoveries.DefaultIfEmpty().Max().TotalSeconds:F1} s; {proxy?.Summary() ?? "no storage faults"}");
        // An email whose processed event was withheld can only have been settled by asking SendGrid's Email Activity API.
        Assert.True(vendor.WithheldEvents == 0 || vendor.ActivityLookups > 0, "an email's processed event was withheld, but the host never asked the Email Activity API");
        var closed = actors.Select(a => a.Result).ToArray();
        Assert.All(closed, r => Assert.Equal("Completed", r.Stage));
        Assert.All(perKey, p => Assert.True(p.Value == 1 && p.Key.Length > 0, $"'{p.Key}' accepted {p.Value} times"));
        Assert.All(closed, r => Assert.All(ExpectedMessages, suffix =>
            Assert.True(sent.Count(m => m.ReferralId == r.Id && (m.Key.EndsWith(suffix, StringComparison.Ordinal) || m.Key.Contains(suffix + ":", StringComparison.Ordinal))) == 1,
                $"{r.Id}: {suffix} accepted {sent.Count(m => m.ReferralId == r.Id && m.Key.Contains(suffix, StringComparison.Ordinal))} times")));
    }

    /// <summary>Timers shortened so a journey takes seconds; deadlines that close a referral stay above the recovery bound.</summary>
    private static IEnumerable<string> Timers() =>
    [
        "--Workflow:ActivityRetryInterval=00:00:01", "--Workflow:ReleaseReminderAfter=00:30:00", "--Workflow:ReleaseExpiresAfter=01:00:00",
        "--Workflow:IntakeReminderAfter=00:30:00", "--Workflow:IntakeExpiresAfter=01:00:00", "--Workflow:SchedulingReminderAfter=00:30:00",
        "--Workflow:SchedulingExpiresAfter=01:00:00", "--Workflow:ConsentReminderAfter=00:30:00", "--Workflow:MdQuestionExpiresAfter=01:00:00",
        "--Workflow:FirstFollowUpAfter=00:00:03", "--Workflow:SecondFollowUpAfter=00:00:06", "--Workflow:ThirdFollowUpAfter=00:00:09",
        "--Workflow:FollowUpReplyWindow=00:30:00", "--Workflow:QuietHoursStart=00:00:00", "--Workflow:QuietHoursEnd=00:00:00",
        "--Outbox:ReconcileAfter=00:00:15", "--LocalHost:OutboxReconcileInterval=00:00:05",
        "--StorageRetry:MaxRetries=5", "--StorageRetry:Delay=00:00:00.200", "--StorageRetry:MaxDelay=00:00:02", "--StorageRetry:NetworkTimeout=00:00:03",
        "--LocalHost:OrphanSweepInterval=00:00:02", "--OrphanReferrals:SettleAfter=00:00:05",
    ];

    /// <summary>To the test's output and, when OM_CRASH_LOG names a file, to that file as it happens (a long run can be watched).</summary>
    private void Report(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("OM_CRASH_LOG") is { Length: > 0 } log)
        {
            File.AppendAllText(log, $"{DateTime.UtcNow:HH:mm:ss} {line}{Environment.NewLine}");
        }
    }

    /// <summary>One referral's people, from submission to Completed, each step retried until a host answers it.</summary>
    private async Task<(string Id, string Stage)> WalkAsync(int index, int seed, HostSlot slot, VendorStubs vendor, CancellationToken ct)
    {
        var phone = "+1617555" + (1000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var venue = index % 2 == 0 ? ("willow-spa-retreat", "coord-willow") : ("harbor-infusion-center", "coord-harbor");
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral.json"), ct))!;
        sample["client"]!["mobilePhone"] = phone;
        sample["venueId"] = venue.Item1;
        sample["sessionsAuthorised"] = 1; // one session, then the three follow-ups and Completed
        steps[index] = "submitting";
        var id = await RetryAsync(slot, async http =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/referrals") { Content = JsonContent.Create(sample) };
            request.Headers.Add("Idempotency-Key", $"crash-{seed}-{index}");
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Created
                ? (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()
                : null;
        }, ct);

        async Task Form(string step, string suffix, string purpose, Dictionary<string, string> form)
        {
            steps[index] = $"{id} waiting for {suffix}";
            var message = await MessageAsync(vendor, id, suffix, ct);
            var link = Link().Matches(message.Text).Select(m => m.Groups[1].Value).First(l => l.StartsWith($"api/{purpose}/", StringComparison.Ordinal));
            steps[index] = $"{id} {step}";
            await PostFormAsync(slot, link, form, ct);
        }

        async Task Text(string step, string suffix, string body)
        {
            steps[index] = $"{id} waiting for {suffix}";
            await MessageAsync(vendor, id, suffix, ct);
            steps[index] = $"{id} {step}";
            var sid = "SM" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id + suffix)))[..32].ToLowerInvariant();
            await RetryAsync(slot, async http =>
            {
                using var request = VendorStubs.InboundSms(phone, body, sid);
                using var response = await http.SendAsync(request, ct);
                return response.IsSuccessStatusCode ? "done" : null;
            }, ct);
        }

        await Form("oncologist approving the release", ":md-release:1", "release", ReferralActors.Signature("approve"));
        await Form("client submitting the intake", ":intake:1", "intake", ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)));
        // A slot another client took in the meantime brings a new offer (…:slots:1:2): the client answers each offer until the consent comes.
        var answered = new HashSet<string>();
        while (vendor.Find(id, ":consent:1") is null)
        {
            if (vendor.FindAll(id, ":slots:").FirstOrDefault(m => !answered.Contains(m.Key)) is { } offer)
            {
                // Clients spread their choices over the times offered, as people do: when every client took the first
                // time, the 50 clients of a venue won one slot per round of offers (about 12 offers each in a long run, 3 December).
                answered.Add(offer.Key);
                var offered = OfferedChoices().Match(offer.Text) is { Success: true } numbers ? numbers.Groups[1].Value.Split(',').Length : 1;
                var choice = (1 + ((index / 2) + answered.Count) % offered).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Text($"client texting back slot {choice} to {offer.Key[id.Length..]}", offer.Key[id.Length..], choice);
            }
            else
            {
                steps[index] = $"{id} waiting for a slot offer or :consent:1";
                await Task.Delay(200, ct);
            }
        }

        await Form("client signing the consent", ":consent:1", "consent", ReferralActors.Consent("Ada Sample"));
        steps[index] = $"{id} waiting for :booked:1";
        await MessageAsync(vendor, id, ":booked:1", ct);
        steps[index] = $"{id} therapist recording the session";
        await WaitForStageAsync(slot, id, "SessionScheduled", ct);
        await RetryAsync(slot, async http =>
        {
            using var signIn = await http.PostAsJsonAsync("api/dev/sign-in", new { coordinatorId = venue.Item2 }, ct);
            if (!signIn.IsSuccessStatusCode)
            {
                return null;
            }

            using var posted = await http.PostAsJsonAsync($"api/referrals/{id}/sessions", new
            {
                pressureUsed = 2,
                sitesAvoided = new[] { "chest:right" },
                position = "SideLyingLeft",
                pre = new { pain = 5, anxiety = 6, nausea = 2, fatigue = 7 },
                post = new { pain = 3, anxiety = 2, nausea = 1, fatigue = 5 },
                reactions = "Relaxed; no reaction",
            }, ct);
            // 409: an earlier post was stored before the host died (the stage below proves it was not lost).
            return posted.IsSuccessStatusCode || posted.StatusCode == HttpStatusCode.Conflict ? "done" : null;
        }, ct, cookies: true);
        await Text("client answering the +24 h text", ":sms24h-1", "pain 2 tired 3 nausea 0 worry 1");
        await Form("client answering the +7 day survey", ":survey-1", "survey",
            new Dictionary<string, string> { ["pain"] = "2", ["wellBeing"] = "3", ["sleep"] = "3", ["changes"] = "Sleeping better" });
        await Text("client answering the +30 day text", ":sms30d-1", "no problems since, thank you");
        steps[index] = $"{id} waiting to close";
        var stage = await WaitForStageAsync(slot, id, null, ct);
        steps[index] = $"closed {id} {stage}";
        return (id, stage);
    }

    /// <summary>Waits until the referral reaches <paramref name="stage"/> (or any closed stage when null), counting each move.</summary>
    private static async Task<string> WaitForStageAsync(HostSlot slot, string id, string? stage, CancellationToken ct)
    {
        var seen = "";
        while (true)
        {
            var current = await RetryAsync(slot, async http =>
            {
                using var response = await http.GetAsync(new Uri($"api/referrals/{id}", UriKind.Relative), ct);
                return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("stage").GetString() : null;
            }, ct);
            if (current != seen)
            {
                Progress.Moved();
                seen = current;
            }

            if (current == stage || ClosedStages.Contains(current))
            {
                return current;
            }

            await Task.Delay(250, ct);
        }
    }

    /// <summary>Opens the signed link (as a browser would: GET, keeping the page's hidden fields) and posts the form, until a host took it.</summary>
    private static Task<string> PostFormAsync(HostSlot slot, string link, Dictionary<string, string> form, CancellationToken ct) =>
        RetryAsync(slot, async http =>
        {
            using var page = await http.GetAsync(new Uri(link, UriKind.Relative), ct);
            if (page.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Gone
                && (await page.Content.ReadAsStringAsync(ct)).Contains("already", StringComparison.OrdinalIgnoreCase))
            {
                return "done"; // an earlier post was stored before the host died; the referral's progress proves it was not lost
            }

            if (page.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var html = await page.Content.ReadAsStringAsync(ct);
            var fields = Hidden().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
            foreach (var (name, value) in form)
            {
                fields[name] = value;
            }

            using var content = new FormUrlEncodedContent(fields);
            using var posted = await http.PostAsync(new Uri(link, UriKind.Relative), content, ct);
            return posted.IsSuccessStatusCode ? "done" : null;
        }, ct);

    /// <summary>The message the vendor accepted for the referral (the person reads it on their phone or in their inbox).</summary>
    private static async Task<AcceptedMessage> MessageAsync(VendorStubs vendor, string referralId, string suffix, CancellationToken ct)
    {
        while (true)
        {
            if (vendor.Find(referralId, suffix) is { } message)
            {
                return message;
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>Calls the current host until the call gives a value; a dead or restarting host is simply tried again.</summary>
    private static async Task<string> RetryAsync(HostSlot slot, Func<HttpClient, Task<string?>> call, CancellationToken ct, bool cookies = false)
    {
        while (true)
        {
            try
            {
                using var handler = new HttpClientHandler { UseCookies = cookies, CookieContainer = new CookieContainer() };
                using var http = new HttpClient(handler) { BaseAddress = slot.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
                if (!cookies)
                {
                    http.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
                }
                else
                {
                    // A script holding a session cookie says where it comes from, as a browser would (CrossSiteRequestGuard).
                    http.DefaultRequestHeaders.Add("Origin", slot.Host.BaseAddress.GetLeftPart(UriPartial.Authority));
                }

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

    [GeneratedRegex(@"https?://[^/\s""]+/(api/[a-z-]+/[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+)")]
    private static partial Regex Link();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();

    /// <summary>The numbers a slot offer asks the client to reply with ("Reply 1, 2, 3: …").</summary>
    [GeneratedRegex(@"Reply (\d+(?:, \d+)*):")]
    private static partial Regex OfferedChoices();
}
