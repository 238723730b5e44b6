using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http;
using OncologyMassage.Infrastructure.Sms;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// Walks referrals through the whole journey on the running local host, as its people would (<see cref="ReferralActors"/>:
/// the practice posts the referral, the oncologist approves, the client fills in the intake, picks a slot by text, signs
/// the consent, the therapist records the session, the client answers the three follow-ups), one session each. Slots are
/// picked per venue so that two clients never pick the same one (the journey stays the same shape for all). Every HTTP
/// call to the host is counted and timed (Functions executions and their duration, for the cost estimate); the storage
/// requests the driver makes itself (reading the dev outbox, polling the instance's status) are not counted.
/// The client's texts reach the host as Twilio sends them in a deployment: a form signed with the host's Twilio auth token,
/// posted to <c>/api/sms/inbound</c> (<see cref="Twilio"/>). They do not go through the local host's simulated phone, whose
/// coordinator sign-in, scope check and audit entry exist only on a developer's machine. The therapist records the session
/// once the referral is at <see cref="Stage.SessionScheduled"/>, as after a real session, not in a loop of 409s that
/// starts the moment the booking text is sent.
/// </summary>
public sealed partial class JourneyDriver(Uri host, string referralJson, IMessageOutbox outbox, DurableTaskClient engine,
    IReadOnlyDictionary<string, string> coordinatorOfVenue, JourneyDriver.TwilioSender twilio, IReferralStore referrals)
{
    /// <summary>Signs a text's form as Twilio does (the host's auth token) and names the number it was sent to.</summary>
    public sealed record TwilioSender(TwilioSignatureValidator Signatures, string ToNumber);

    /// <summary>A driver for the running local host <paramref name="app"/>, with the coordinators of <paramref name="coordinatorOfVenue"/>.</summary>
    public static JourneyDriver For(Microsoft.AspNetCore.Builder.WebApplication app, IReadOnlyDictionary<string, string> coordinatorOfVenue)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        return new JourneyDriver(new Uri(app.Urls.First() + "/"), File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral.json")),
            services.GetRequiredService<IMessageOutbox>(), services.GetRequiredService<DurableTaskClient>(), coordinatorOfVenue,
            new TwilioSender(services.GetRequiredService<TwilioSignatureValidator>(), OncologyMassage.LocalHost.Dev.DevPhone.ToNumber(app.Configuration)),
            services.GetRequiredService<IReferralStore>());
    }

    /// <summary>Slots offered at once (Scheduling:SlotsOffered's default).</summary>
    private const int SlotsOffered = 3;

    private readonly Dictionary<string, (SemaphoreSlim Lock, HashSet<string> Picked, SemaphoreSlim Unbooked)> venues =
        coordinatorOfVenue.Keys.ToDictionary(v => v, _ => (new SemaphoreSlim(1, 1), new HashSet<string>(StringComparer.Ordinal), new SemaphoreSlim(SlotsOffered, SlotsOffered)));

    private static readonly string[] SitesAvoided = ["chest:right"];

    private readonly Dictionary<string, HttpClient> coordinators = [];
    private long httpCalls;
    private long httpTicks;

    /// <summary>HTTP requests the people made to the host (each one Functions execution in Azure).</summary>
    public long HttpCalls => Interlocked.Read(ref httpCalls);

    /// <summary>Their summed duration.</summary>
    public TimeSpan HttpTime => TimeSpan.FromTicks(Interlocked.Read(ref httpTicks));

    public async Task SignInAsync(CancellationToken cancellationToken)
    {
        foreach (var (venue, coordinator) in coordinatorOfVenue)
        {
            var client = NewClient(new CookieContainer());
            client.DefaultRequestHeaders.Add("Origin", host.GetLeftPart(UriPartial.Authority));
            using var response = await client.PostAsJsonAsync("api/dev/sign-in", new { coordinatorId = coordinator }, cancellationToken);
            response.EnsureSuccessStatusCode();
            coordinators[venue] = client;
        }
    }

    /// <summary>One referral from submission to Completed; returns its id.</summary>
    public async Task<string> RunAsync(int number, string venue, CancellationToken cancellationToken)
    {
        StorageRequestCounter.MarkFlowUncounted(); // the outbox reads and status polls below are the driver's, not the app's
        using var practice = NewClient(null);
        practice.DefaultRequestHeaders.Add("X-Api-Key", DemoReferrals.PracticeApiKey);
        using var people = NewClient(null);
        var therapist = coordinators[venue];
        var actors = new ReferralActors(people, outbox, therapist) { MessageTimeout = TimeSpan.FromMinutes(5) };

        // At most as many referrals of a venue between submission and booking as slots are offered at once: an offer made
        // while others are still choosing lists the same slots, and with more of them some client would find none free.
        var unbooked = venues[venue].Unbooked;
        await unbooked.WaitAsync(cancellationToken);
        string id;
        try
        {
            id = await SubmitAsync(practice, number, venue, cancellationToken);
            Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), cancellationToken));
            Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), cancellationToken));
            Ok(await PickSlotAsync(actors, people, id, venue, cancellationToken));
            Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada Sample"), cancellationToken));
            await actors.MessageAsync(id, ":booked:1", cancellationToken);
        }
        finally
        {
            unbooked.Release();
        }

        await WaitForStageAsync(id, Stage.SessionScheduled, cancellationToken);
        await RecordSessionAsync(therapist, id, cancellationToken);
        Ok(await TextBackAsync(people, await actors.MessageAsync(id, ":sms24h-1", cancellationToken), "pain 2 tired 3 nausea 0 worry 1", cancellationToken));
        Ok(await actors.AnswerSurveyAsync(id, 1, new Dictionary<string, string> { ["pain"] = "1", ["wellBeing"] = "2", ["changes"] = "Sleeping better" }, cancellationToken));
        Ok(await TextBackAsync(people, await actors.MessageAsync(id, ":sms30d-1", cancellationToken), "no problems, thank you", cancellationToken));
        await WaitForCompletionAsync(engine, id, cancellationToken);
        return id;
    }

    /// <summary>Polls the engine (not the app) until the instance has completed; fails if it failed.</summary>
    public static async Task WaitForCompletionAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        StorageRequestCounter.MarkFlowUncounted();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: waited.Elapsed > TimeSpan.FromSeconds(60), timeout.Token);
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                Console.WriteLine($"Still waiting for {instanceId}: {state?.RuntimeStatus} {state?.SerializedOutput} {state?.SerializedCustomStatus}");
                waited.Restart();
            }

            switch (state?.RuntimeStatus)
            {
                case OrchestrationRuntimeStatus.Completed:
                    return;
                case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                    throw new InvalidOperationException($"Instance {instanceId} ended {state.RuntimeStatus}: the benchmark measured a broken run.");
            }

            await Task.Delay(500, timeout.Token);
        }
    }

    /// <summary>A POST /api/referrals as the practice sends it; one client per referral (its own phone and email).</summary>
    public HttpRequestMessage NewReferral(int number, string venue)
    {
        var referral = JsonNode.Parse(referralJson)!.AsObject();
        referral["sessionsAuthorised"] = 1;
        referral["venueId"] = venue;
        referral["client"]!["mobilePhone"] = string.Create(CultureInfo.InvariantCulture, $"+1617{2000000 + number:0000000}");
        referral["client"]!["email"] = string.Create(CultureInfo.InvariantCulture, $"client{number}@example.org");
        return new HttpRequestMessage(HttpMethod.Post, "api/referrals") { Content = JsonContent.Create(referral) };
    }

    public HttpClient NewClient(CookieContainer? cookies) =>
        new(new Timed(this) { InnerHandler = new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = cookies is not null } }) { BaseAddress = host };

    private async Task<string> SubmitAsync(HttpClient practice, int number, string venue, CancellationToken cancellationToken)
    {
        using var request = NewReferral(number, venue);
        using var response = await practice.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["id"]!.GetValue<string>();
    }

    /// <summary>The first offered slot no other client of the venue has picked (offers made before a booking still list it).</summary>
    private async Task<HttpResponseMessage> PickSlotAsync(ReferralActors actors, HttpClient phone, string id, string venue, CancellationToken cancellationToken)
    {
        var offer = await actors.MessageAsync(id, ":slots:1:1", cancellationToken);
        var (gate, picked, _) = venues[venue];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var choice = SlotChoice().Matches(offer.Body).FirstOrDefault(m => !picked.Contains(m.Groups[2].Value))
                ?? throw new InvalidOperationException($"Every slot offered to {id} was picked already: run fewer journeys at once.");
            picked.Add(choice.Groups[2].Value);
            return await TextBackAsync(phone, offer, choice.Groups[1].Value, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The client's answer to a text, as Twilio posts it: from the number the text went to, signed with the auth token.</summary>
    private async Task<HttpResponseMessage> TextBackAsync(HttpClient phone, OutboxRow text, string body, CancellationToken cancellationToken)
    {
        var path = "/api/" + ApiRoutes.SmsInbound;
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MessageSid"] = "SMbench" + Guid.NewGuid().ToString("N"),
            ["From"] = text.To,
            ["To"] = twilio.ToNumber,
            ["Body"] = body,
            ["NumMedia"] = "0",
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = new FormUrlEncodedContent(form) };
        post.Headers.Add(TwilioSignatureValidator.SignatureHeader, twilio.Signatures.Sign(path, form));
        return await phone.SendAsync(post, cancellationToken);
    }

    /// <summary>Waits (reading storage uncounted) until the referral's row is at <paramref name="stage"/>.</summary>
    private async Task WaitForStageAsync(string id, Stage stage, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        while ((await referrals.GetAsync(id, timeout.Token))?.Stage != stage)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task RecordSessionAsync(HttpClient therapist, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await therapist.PostAsJsonAsync($"api/referrals/{id}/sessions", new
            {
                pressureUsed = 2,
                sitesAvoided = SitesAvoided,
                position = "supine",
                pre = new { pain = 4, anxiety = 6, nausea = 2, fatigue = 7 },
                post = new { pain = 2, anxiety = 3, nausea = 1, fatigue = 5 },
                reactions = "none",
            }, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                Ok(response);
                return;
            }

            await Task.Delay(250, cancellationToken); // the booking is sent before the stage row moves
        }
    }

    private static void Ok(HttpResponseMessage response)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath.Split('/').Take(3).LastOrDefault()} answered {(int)response.StatusCode}");
            }
        }
    }

    [GeneratedRegex(@"(\d)\) ([^;.]+)")]
    private static partial Regex SlotChoice();

    /// <summary>Counts and times every request to the host.</summary>
    private sealed class Timed(JourneyDriver owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Increment(ref owner.httpCalls);
                Interlocked.Add(ref owner.httpTicks, watch.Elapsed.Ticks);
            }
        }
    }
}
