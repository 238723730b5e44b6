using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using static OncologyMassage.IntegrationTests.Engine.Journey;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// The adaptation plan on the real engine: a fever in the intake holds the plan until the oncologist answers, and a
/// flu-like reply or recorded reaction after the first session lowers the plan for the second.
/// </summary>
public sealed class JourneyAdaptationTests(AzuriteFixture azurite, FastJourneyHost fast)
{
    [Fact]
    public async Task Journey_IntakeReportsFever_HoldsUntilTheOncologistAnswersTheQuestion()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, _) = journey;
        var id = await journey.SubmitAsync();
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

    [Fact]
    public async Task Journey_FluLikeReplyAfterTheFirstSession_LowersThePlanForTheSecond()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, therapist) = journey;
        var id = await journey.SubmitAsync(r => r["sessionsAuthorised"] = 2);
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
    public async Task Journey_RecordedReactionReportsFluLikeIllness_AlertsTheCoordinatorAndLowersThePlanForTheSecondSession()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, therapist) = journey;
        var id = await journey.SubmitAsync(r => r["sessionsAuthorised"] = 2);
        await UpToSessionScheduledAsync(host, actors, id);
        var plans = host.App.Services.GetRequiredService<IPlanStore>();
        var before = (await plans.GetLatestAsync(id, Ct))!;

        await RecordSessionAsync(therapist, id, reactions: "wiped out and achy all over afterwards");
        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "3 2 1 0", Ct)); // a plain reply: only the reaction can lower the plan
        Ok(await actors.ReplyToTextAsync(id, ":slots:2:1", "1", Ct));
        await ReachAsync(host, id, Stage.SessionScheduled);

        var after = (await plans.GetLatestAsync(id, Ct))!;
        Assert.Equal(3, after.Version);
        Assert.True(after.Plan.IsAtLeastAsStrictAs(before.Plan));
        Assert.True(after.Plan.MaxPressure <= 3, $"max pressure {after.Plan.MaxPressure}");
        // The reaction's flag escalates like a reply's: the coordinator is alerted by the flag's own orchestration.
        await actors.MessageAsync(id, k => k.StartsWith(id + ":flag:", StringComparison.Ordinal) && k.EndsWith(":Coordinator:0", StringComparison.Ordinal),
            "the coordinator alert of the reaction's red flag", Ct);
        Assert.Contains(await TimelineAsync(host, id), e => e.Kind == TimelineKind.RedFlag && e.Detail.Contains("reaction recorded with session 1", StringComparison.Ordinal));
    }
}
