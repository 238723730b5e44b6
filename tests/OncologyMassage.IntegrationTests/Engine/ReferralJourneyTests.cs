using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using static OncologyMassage.IntegrationTests.Engine.Journey;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// Whole journeys on the real engine and Azurite, durations shrunk to seconds. The test plays the oncologist (signed
/// links from the emails), the client (intake form, SMS replies through the signed webhook, consent, survey) and the
/// therapist (session record through the coordinators' API), and checks the timeline, the messages and the end state.
/// The journeys of the other Journey*Tests classes are split from here by concern so that they run side by side; all of
/// them that need only the <see cref="JourneySettings.Fast"/> profile share one host (<see cref="FastJourneyHost"/>),
/// each in a <see cref="Journey"/> of its own (venue, coordinator, client numbers).
/// </summary>
public sealed class ReferralJourneyTests(AzuriteFixture azurite, FastJourneyHost fast)
{
    [Fact]
    public async Task Journey_EveryoneActs_WalksEveryStageToCompleted()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, therapist) = journey;
        var id = await journey.SubmitAsync();

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
    public async Task Journey_ClientAskedNotToContactTheCareTeam_CompletesWithoutTheSummaryEmailAndSaysWhy()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, therapist) = journey;
        var id = await journey.SubmitAsync();
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
    public async Task Journey_TwoSessionSeries_ContinuesAsNewAndCompletesAfterBoth()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, therapist) = journey;
        var id = await journey.SubmitAsync(r => r["sessionsAuthorised"] = 2);

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
    public async Task Journey_SpanishClient_GetsSpanishTextsRepliesAndConsentPage()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, _) = journey;
        var id = await journey.SubmitAsync(r => r["client"]!["preferredLanguage"] = "es-MX");

        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        var intake = await actors.MessageAsync(id, ":intake:1", Ct);
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        var slots = await actors.MessageAsync(id, ":slots:1:1", Ct);
        using var reply = await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct);
        var answered = (await reply.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reply").GetString();
        var consent = await actors.MessageAsync(id, ":consent:1", Ct);
        using var people = new HttpClient { BaseAddress = host.Http.BaseAddress };
        var page = WebUtility.HtmlDecode(await people.GetStringAsync(new Uri(ReferralActors.LinkIn(consent, "consent"), UriKind.Relative), Ct));

        Assert.Equal(
            (true, true, (string?)"Gracias, recibimos su respuesta.", true, true),
            (intake.Body.Contains("formulario de admisión", StringComparison.Ordinal), slots.Body.Contains("elija un horario", StringComparison.Ordinal),
             answered, consent.Body.Contains("formulario de consentimiento", StringComparison.Ordinal),
             page.Contains("<html lang=\"es\">", StringComparison.Ordinal) && page.Contains("Por favor lea este consentimiento", StringComparison.Ordinal)));
    }
}
