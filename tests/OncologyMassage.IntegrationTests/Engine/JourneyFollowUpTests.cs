using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;
using static OncologyMassage.IntegrationTests.Engine.Journey;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// Follow-ups keyed by session and follow-up id (issue 15 item 4), for clients who are not texted, and follow-ups nobody
/// answers: whole series on the real engine, timers shrunk to seconds. Their reply windows differ from the other
/// journeys' (<see cref="JourneySettings"/>), so this class has a host per window, shared by its tests.
/// </summary>
public sealed class JourneyFollowUpTests(FastWindowJourneyHost window, NoReplyJourneyHost noReply) : IClassFixture<FastWindowJourneyHost>, IClassFixture<NoReplyJourneyHost>
{
    /// <summary>A coordinator books the first free slot (what a client without texts asks the venue to do).</summary>
    private static async Task BookFirstFreeSlotAsync(TestHost host, HttpClient coordinator, string id)
    {
        await host.WaitForStageAsync(id, Stage.SchedulingPending, TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(async () =>
        {
            var slots = await coordinator.GetFromJsonAsync<JsonElement>($"api/referrals/{id}/slots", Ct);
            var slotId = slots.EnumerateArray().First().GetProperty("slotId").GetString();
            using var booked = await coordinator.PostAsync($"api/referrals/{id}/booking", JsonContent.Create(new { slotId }), Ct);
            return booked.StatusCode;
        }, status => status == HttpStatusCode.Accepted, $"the booking of {id} accepted");
    }

    /// <summary>The client opens the follow-up's own link from its email and answers with a pain rating only.</summary>
    private static Task<HttpResponseMessage> AnswerByEmailAsync(ReferralActors actors, string id, string followUpId, int pain) =>
        actors.PostFormFromMessageAsync(id, ":" + followUpId, LinkPurposes.Survey,
            new Dictionary<string, string> { ["pain"] = pain.ToString(CultureInfo.InvariantCulture) }, Ct);

    /// <summary>Every follow-up answered with the pain rating it was given, and each follow-up message's channel.</summary>
    private static async Task AssertEachAnswerOnItsOwnFollowUpAsync(TestHost host, ReferralActors actors, string id,
        IReadOnlyDictionary<string, int> painByFollowUp, IReadOnlyDictionary<string, MessageChannel> channelByFollowUp, string firstEmailed)
    {
        var followUps = await host.App.Services.GetRequiredService<ISessionStore>().ListFollowUpsAsync(id, Ct);
        Assert.All(followUps, f => Assert.True(f.Replied, $"{f.FollowUpId} has no answer"));
        Assert.Equal(painByFollowUp.OrderBy(p => p.Key, StringComparer.Ordinal),
            followUps.Select(f => KeyValuePair.Create(f.FollowUpId, Assert.Single(f.Ratings).Score)).OrderBy(p => p.Key, StringComparer.Ordinal));

        var sent = await host.App.Services.GetRequiredService<IMessageOutbox>().ListAsync(id, Ct);
        Assert.Equal(channelByFollowUp.OrderBy(p => p.Key, StringComparer.Ordinal),
            channelByFollowUp.Keys.Select(k => KeyValuePair.Create(k, Assert.Single(sent, m => m.IdempotencyKey == $"{id}:{k}").Channel)).OrderBy(p => p.Key, StringComparer.Ordinal));

        // The first emailed follow-up's own link, after its window: a clear "closed" page, not a form and not "already answered".
        var firstLink = ReferralActors.LinkIn(await actors.MessageAsync(id, ":" + firstEmailed, Ct), LinkPurposes.Survey);
        var closed = await Eventually.UntilAsync(async () =>
        {
            using var response = await host.Http.GetAsync(firstLink, Ct);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }, page => page.StatusCode == HttpStatusCode.Gone, $"the link of {firstEmailed} closed", TimeSpan.FromSeconds(30));
        Assert.Contains("This question is closed", closed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journey_EmailOnlyClientTwoSessions_EachFollowUpByEmailWithItsOwnLinkAndAnswer()
    {
        var journey = await Journey.StartAsync(window.Host);
        var (host, actors, therapist) = journey;
        var id = await journey.SubmitAsync(r =>
        {
            r["sessionsAuthorised"] = 2;
            r["client"]!["preferredContact"] = "email";
        });
        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        await BookFirstFreeSlotAsync(host, therapist, id);
        Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada Sample"), Ct));
        await ReachAsync(host, id, Stage.SessionScheduled);

        await RecordSessionAsync(therapist, id);
        Ok(await AnswerByEmailAsync(actors, id, "sms24h-1", 5));
        await SecondSessionAnsweredByEmailAsync(host, actors, therapist, id, firstFollowUpBy: MessageChannel.Email);
    }

    [Fact]
    public async Task Journey_ClientRepliedStopAfterTheFirstSession_LaterFollowUpsByEmailEachOnItsOwnFollowUp()
    {
        var journey = await Journey.StartAsync(window.Host);
        var (host, actors, therapist) = journey;
        var id = await journey.SubmitAsync(r => r["sessionsAuthorised"] = 2);
        await UpToSessionScheduledAsync(host, actors, id);

        await RecordSessionAsync(therapist, id);
        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "pain 5", Ct));
        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "STOP", Ct));
        await SecondSessionAnsweredByEmailAsync(host, actors, therapist, id, firstFollowUpBy: MessageChannel.Sms);
    }

    /// <summary>
    /// The rest of a two-session series whose first +24 h follow-up was answered with 5: the second session, its three
    /// follow-ups answered by email (4, 3, 2), and each answer found on its own follow-up with the channel it went by.
    /// </summary>
    private static async Task SecondSessionAnsweredByEmailAsync(TestHost host, ReferralActors actors, HttpClient therapist, string id, MessageChannel firstFollowUpBy)
    {
        await BookFirstFreeSlotAsync(host, therapist, id);
        await ReachAsync(host, id, Stage.SessionScheduled);
        await RecordSessionAsync(therapist, id);
        Ok(await AnswerByEmailAsync(actors, id, "sms24h-2", 4));
        Ok(await AnswerByEmailAsync(actors, id, "survey-2", 3));
        Ok(await AnswerByEmailAsync(actors, id, "sms30d-2", 2));

        await ReachAsync(host, id, Stage.Completed, TimeSpan.FromSeconds(60));
        await AssertEachAnswerOnItsOwnFollowUpAsync(host, actors, id,
            new Dictionary<string, int> { ["sms24h-1"] = 5, ["sms24h-2"] = 4, ["survey-2"] = 3, ["sms30d-2"] = 2 },
            new Dictionary<string, MessageChannel>
            {
                ["sms24h-1"] = firstFollowUpBy, ["sms24h-2"] = MessageChannel.Email, ["survey-2"] = MessageChannel.Email, ["sms30d-2"] = MessageChannel.Email,
            },
            firstEmailed: firstFollowUpBy == MessageChannel.Email ? "sms24h-1" : "sms24h-2");
    }

    [Fact]
    public async Task Journey_NoFollowUpReplies_RecordsNoReplyAndStillCompletes()
    {
        var journey = await Journey.StartAsync(noReply.Host);
        var (host, actors, therapist) = journey;
        var id = await journey.SubmitAsync();

        await UpToSessionScheduledAsync(host, actors, id);
        await RecordSessionAsync(therapist, id);

        await ReachAsync(host, id, Stage.Completed, TimeSpan.FromSeconds(60));
        var followUps = await host.App.Services.GetRequiredService<ISessionStore>().ListFollowUpsAsync(id, Ct);
        Assert.Equal(3, followUps.Count);
        Assert.All(followUps, f => Assert.False(f.Replied));
        Assert.All(followUps, f => Assert.Empty(f.Ratings));
    }
}
