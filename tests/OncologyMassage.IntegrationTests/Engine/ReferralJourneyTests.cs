using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// Whole journeys on the real engine and Azurite, durations shrunk to seconds. The test plays the oncologist (signed
/// links from the emails), the client (intake form, SMS replies through the signed webhook, consent, survey) and the
/// therapist (session record through the coordinators' API), and checks the timeline, the messages and the end state.
/// </summary>
public sealed partial class ReferralJourneyTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Workflow:FirstFollowUpAfter"] = "00:00:01",
        ["Workflow:SecondFollowUpAfter"] = "00:00:02",
        ["Workflow:ThirdFollowUpAfter"] = "00:00:03",
        ["Workflow:FollowUpReplyWindow"] = "00:00:30",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestHost Host, ReferralActors Actors, HttpClient Therapist)> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await TestHost.StartAsync(azurite, settings ?? Fast);
        var people = new HttpClient { BaseAddress = host.Http.BaseAddress };
        var therapist = await host.SignInAsync(CoordinatorHost.HarborCoordinator);
        var actors = new ReferralActors(people, host.App.Services.GetRequiredService<IMessageOutbox>(), phone: therapist);
        return (host, actors, therapist);
    }

    /// <summary>Submits the sample referral for one session (the sample authorises three) unless <paramref name="change"/> says otherwise.</summary>
    private static async Task<string> SubmitAsync(TestHost host, Action<System.Text.Json.Nodes.JsonObject>? change = null)
    {
        using var posted = await host.PostReferralAsync(Samples.Referral(r =>
        {
            r["sessionsAuthorised"] = 1;
            change?.Invoke(r);
        }));
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Oncologist approves, client fills the intake, picks slot 2 by text and signs the consent.</summary>
    private static async Task UpToSessionScheduledAsync(TestHost host, ReferralActors actors, string id)
    {
        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        Ok(await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct));
        Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada Sample"), Ct));
        await ReachAsync(host, id, Stage.SessionScheduled);
    }

    private static async Task RecordSessionAsync(HttpClient therapist, string id, string reactions = "none")
    {
        using var response = await therapist.PostAsync($"api/referrals/{id}/sessions", JsonContent.Create(new
        {
            pressureUsed = 2,
            sitesAvoided = new[] { "chest:right" },
            position = "supine",
            pre = new { pain = 4, anxiety = 6, nausea = 2, fatigue = 7 },
            post = new { pain = 2, anxiety = 3, nausea = 1, fatigue = 5 },
            reactions,
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static void Ok(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }

    private static async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(TestHost host, string id) =>
        await host.App.Services.GetRequiredService<IReferralStore>().GetTimelineAsync(id, Ct);

    /// <summary>
    /// Waits until the referral is in <paramref name="stage"/> and its timeline shows the move (the row moves first, then
    /// the index, then the timeline).
    /// </summary>
    private static async Task<ReferralState> ReachAsync(TestHost host, string id, Stage stage, TimeSpan? timeout = null)
    {
        var state = await host.WaitForStageAsync(id, stage, timeout);
        await Eventually.UntilAsync(async () => (await TimelineAsync(host, id)).Any(e => e.Kind == TimelineKind.StageChanged && e.Stage == stage), $"{stage} on the timeline of {id}");
        return state;
    }

    [Fact]
    public async Task Journey_ClientAskedNotToContactTheCareTeam_CompletesWithoutTheSummaryEmailAndSaysWhy()
    {
        var (host, actors, therapist) = await StartAsync(azurite);
        await using var _ = host;
        var id = await SubmitAsync(host);
        var intake = ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow));
        intake.Remove("permissionToContactCareTeam"); // "You may contact my care team" left unticked

        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, intake, Ct));
        Ok(await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct));
        Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada Sample"), Ct));
        await ReachAsync(host, id, Stage.SessionScheduled);
        await RecordSessionAsync(therapist, id);
        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "pain 2 tired 3 nausea 0 worry 1", Ct));
        Ok(await actors.AnswerSurveyAsync(id, 1, new Dictionary<string, string> { ["pain"] = "1", ["wellBeing"] = "2" }, Ct));
        Ok(await actors.ReplyToTextAsync(id, ":sms30d-1", "no problems, thank you", Ct));

        await ReachAsync(host, id, Stage.Completed, TimeSpan.FromSeconds(60));
        var sent = await host.App.Services.GetRequiredService<IMessageOutbox>().ListAsync(id, Ct);
        Assert.DoesNotContain(sent, m => m.IdempotencyKey.EndsWith(":care-team-summary", StringComparison.Ordinal));
        Assert.Contains(await TimelineAsync(host, id), e => e.Detail.Contains("asked us not to contact their care team", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Journey_EveryoneActs_WalksEveryStageToCompleted()
    {
        var (host, actors, therapist) = await StartAsync(azurite);
        await using var _ = host;
        var id = await SubmitAsync(host);

        await UpToSessionScheduledAsync(host, actors, id);
        await RecordSessionAsync(therapist, id);
        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "pain 2 tired 3 nausea 0 worry 1", Ct));
        Ok(await actors.AnswerSurveyAsync(id, 1, new Dictionary<string, string> { ["pain"] = "1", ["wellBeing"] = "2", ["changes"] = "No swelling, sleeping better" }, Ct));
        Ok(await actors.ReplyToTextAsync(id, ":sms30d-1", "no problems, thank you", Ct));

        var state = await ReachAsync(host, id, Stage.Completed, TimeSpan.FromSeconds(60));
        var stages = (await TimelineAsync(host, id)).Where(e => e.Kind == TimelineKind.StageChanged).Select(e => e.Stage).ToArray();
        Assert.Equal(
            [Stage.MdReleaseRequested, Stage.IntakePending, Stage.SchedulingPending, Stage.ConsentPending, Stage.SessionScheduled,
             Stage.SessionCompleted, Stage.FollowUp, Stage.CareTeamFeedback, Stage.Completed],
            stages);

        var sent = (await host.App.Services.GetRequiredService<IMessageOutbox>().ListAsync(id, Ct)).Select(m => m.IdempotencyKey[(id.Length + 1)..]).ToArray();
        Assert.Superset(
            new HashSet<string> { "md-release:1", "intake:1", "slots:1:1", "booked:1", "consent:1", "sms24h-1", "survey-1", "sms30d-1", "care-team-summary" },
            sent.ToHashSet());
        var followUps = await host.App.Services.GetRequiredService<ISessionStore>().ListFollowUpsAsync(id, Ct);
        Assert.Equal(3, followUps.Count(f => f.Replied));
        Assert.Contains(followUps, f => f.Kind == FollowUpKind.Sms24Hours && f.Ratings.Count == 4);
        Assert.Single(await host.App.Services.GetRequiredService<ISessionStore>().ListSessionsAsync(id, Ct));
        Assert.NotNull(await host.App.Services.GetRequiredService<IPlanStore>().GetLatestAsync(id, Ct));
        Assert.NotNull(await host.App.Services.GetRequiredService<IBookingStore>().FindAsync(state.VenueId, id, Ct));
    }

    [Fact]
    public async Task Journey_NoFollowUpReplies_RecordsNoReplyAndStillCompletes()
    {
        var settings = new Dictionary<string, string?>(Fast) { ["Workflow:FollowUpReplyWindow"] = "00:00:01" };
        var (host, actors, therapist) = await StartAsync(azurite, settings);
        await using var _ = host;
        var id = await SubmitAsync(host);

        await UpToSessionScheduledAsync(host, actors, id);
        await RecordSessionAsync(therapist, id);

        await ReachAsync(host, id, Stage.Completed, TimeSpan.FromSeconds(60));
        var followUps = await host.App.Services.GetRequiredService<ISessionStore>().ListFollowUpsAsync(id, Ct);
        Assert.Equal(3, followUps.Count);
        Assert.All(followUps, f => Assert.False(f.Replied));
        Assert.All(followUps, f => Assert.Empty(f.Ratings));
    }

    [Fact]
    public async Task Journey_TwoSessionSeries_ContinuesAsNewAndCompletesAfterBoth()
    {
        var (host, actors, therapist) = await StartAsync(azurite);
        await using var _ = host;
        var id = await SubmitAsync(host, r => r["sessionsAuthorised"] = 2);

        await UpToSessionScheduledAsync(host, actors, id);
        await RecordSessionAsync(therapist, id);
        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "3 2 1 0", Ct));
        Ok(await actors.ReplyToTextAsync(id, ":slots:2:1", "1", Ct));
        await ReachAsync(host, id, Stage.SessionScheduled);
        await RecordSessionAsync(therapist, id);
        Ok(await actors.ReplyToTextAsync(id, ":sms24h-2", "pain 1", Ct));
        Ok(await actors.AnswerSurveyAsync(id, 2, new Dictionary<string, string> { ["pain"] = "1" }, Ct));
        Ok(await actors.ReplyToTextAsync(id, ":sms30d-2", "all fine", Ct));

        await ReachAsync(host, id, Stage.Completed, TimeSpan.FromSeconds(60));
        Assert.Equal(2, (await host.App.Services.GetRequiredService<ISessionStore>().ListSessionsAsync(id, Ct)).Count);
        var stages = (await TimelineAsync(host, id)).Where(e => e.Kind == TimelineKind.StageChanged).Select(e => e.Stage).ToArray();
        Assert.Equal(2, stages.Count(s => s == Stage.SessionCompleted));
        Assert.Single(stages, s => s == Stage.ConsentPending); // consent once, for the series
        var sequences = (await TimelineAsync(host, id)).Where(e => e.Sequence > 0).Select(e => e.Sequence).ToArray();
        Assert.Equal(sequences.Length, sequences.Distinct().Count()); // the continued instance kept numbering
    }

    [Fact]
    public async Task Journey_FluLikeReplyAfterTheFirstSession_LowersThePlanForTheSecond()
    {
        var (host, actors, therapist) = await StartAsync(azurite);
        await using var _ = host;
        var id = await SubmitAsync(host, r => r["sessionsAuthorised"] = 2);
        await UpToSessionScheduledAsync(host, actors, id);
        var plans = host.App.Services.GetRequiredService<IPlanStore>();
        var before = (await plans.GetLatestAsync(id, Ct))!;

        await RecordSessionAsync(therapist, id);
        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "wiped out and achy all over since yesterday", Ct));
        Ok(await actors.ReplyToTextAsync(id, ":slots:2:1", "1", Ct)); // the next session's slots come after the new plan
        await ReachAsync(host, id, Stage.SessionScheduled);

        var after = (await plans.GetLatestAsync(id, Ct))!;
        Assert.Equal(3, after.Version);
        Assert.True(after.Plan.IsAtLeastAsStrictAs(before.Plan));
        Assert.True(after.Plan.MaxPressure <= 3, $"max pressure {after.Plan.MaxPressure}");
        Assert.True(after.Plan.MaxSessionMinutes <= 45, $"session {after.Plan.MaxSessionMinutes} min");
        Assert.Contains("tightened after session 1", after.Basis, StringComparison.Ordinal);
        var timeline = await TimelineAsync(host, id);
        Assert.Contains(timeline, e => e.Detail.StartsWith("Adaptation plan v3:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Journey_CancelledWhileScheduling_ClosesAndALateSlotReplyBooksNothing()
    {
        var (host, actors, therapist) = await StartAsync(azurite);
        await using var _ = host;
        var id = await SubmitAsync(host);
        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        await ReachAsync(host, id, Stage.SchedulingPending);

        using var cancel = await therapist.PostAsync($"api/referrals/{id}/cancel", JsonContent.Create(new { reason = "Client moved away" }), Ct);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        var state = await ReachAsync(host, id, Stage.Cancelled);
        // The reason is free text: the coordinator's action puts it on the timeline, never through the engine's history.
        Assert.DoesNotContain("Client moved away", state.ClosedReason, StringComparison.Ordinal);
        Assert.Contains(await host.RowsAsync(StorageTables.Timeline), row => row.Any(p => p.Value is string v && v.Contains("Client moved away", StringComparison.Ordinal)));
        // The engine's signal that nothing is left to run: the journey has completed, so no step can book after this.
        await host.Durable.WaitForInstanceCompletionAsync(id, Ct);
        using var late = await actors.ReplyToTextAsync(id, ":slots:1:1", "1", Ct); // answered once the webhook has done its part
        Assert.Empty(await host.RowsAsync(StorageTables.Bookings));
    }

    [Fact]
    public async Task Journey_ConsentWithdrawnAfterBooking_ClosesAsWithdrawnAndFreesTheSlot()
    {
        var (host, actors, _) = await StartAsync(azurite);
        await using var _h = host;
        var id = await SubmitAsync(host);
        await UpToSessionScheduledAsync(host, actors, id);
        Assert.NotEmpty(await host.RowsAsync(StorageTables.Bookings));

        Ok(await actors.WithdrawConsentAsync(id, "Changed my mind", Ct));

        var state = await ReachAsync(host, id, Stage.Withdrawn);
        Assert.Contains("withdrew consent", state.ClosedReason, StringComparison.Ordinal);
        var booking = await host.App.Services.GetRequiredService<IBookingStore>().FindAsync(state.VenueId, id, Ct);
        Assert.Null(booking);
    }

    [Fact]
    public async Task Journey_IntakeReportsFever_HoldsUntilTheOncologistAnswersTheQuestion()
    {
        var (host, actors, _) = await StartAsync(azurite);
        await using var _h = host;
        var id = await SubmitAsync(host);
        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        var intake = ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow));
        intake["today.temperatureCelsius"] = "38.6";
        Ok(await actors.SubmitIntakeAsync(id, intake, Ct));

        var held = await ReachAsync(host, id, Stage.NeedsMdInput);
        Assert.Contains("hold", (await TimelineAsync(host, id)).Last(e => e.Kind == TimelineKind.StageChanged).Detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(await host.App.Services.GetRequiredService<IMessageOutbox>().ListAsync(id, Ct), m => m.IdempotencyKey.Contains(":slots:", StringComparison.Ordinal));

        Ok(await actors.AnswerHoldQuestionAsync(id, ReferralActors.Signature("approve"), Ct));

        await ReachAsync(host, id, Stage.SchedulingPending);
        var plan = await host.App.Services.GetRequiredService<IPlanStore>().GetLatestAsync(id, Ct);
        Assert.Equal(2, plan!.Version);
        Assert.Equal("Dr. Demo Oncologist", plan.HoldsClearedBy);
        Assert.Equal(Stage.NeedsMdInput, held.Stage);
    }
}
