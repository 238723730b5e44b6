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
/// Answers given on web pages are screened like texts once stored (issue 15 item 1): on the real engine, through the
/// pages a client really uses.
/// </summary>
public sealed class JourneyScreeningTests(AzuriteFixture azurite, FastJourneyHost fast)
{
    [Fact]
    public async Task Journey_IntakeGoalsMentionBreathlessness_ClientAdvisedAtOnceAndTheFlagAlertsTheCoordinator()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, _) = journey;
        var id = await journey.SubmitAsync();
        var intake = ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow));
        intake["goals"] = "Relax. I get so short of breath on the stairs since Monday";

        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, intake, Ct));

        var advice = await actors.MessageAsync(id, k => k == id + ":urgent:form-intake", "the urgent advice after the intake", Ct);
        Assert.Contains("triage line", advice.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("breath", advice.Body, StringComparison.OrdinalIgnoreCase);
        await actors.MessageAsync(id, k => k.StartsWith(id + ":flag:", StringComparison.Ordinal) && k.EndsWith(":Coordinator:0", StringComparison.Ordinal),
            "the coordinator alert of the intake's red flag", Ct);
        Assert.Contains(await TimelineAsync(host, id), e => e.Kind == TimelineKind.RedFlag && e.Detail.Contains("intake form", StringComparison.Ordinal));
        await ReachAsync(host, id, Stage.SchedulingPending); // the journey goes on: the flag is a person's to act on
    }
}
