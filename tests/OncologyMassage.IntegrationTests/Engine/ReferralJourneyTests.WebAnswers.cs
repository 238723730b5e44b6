using OncologyMassage.Domain.Referrals;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// Answers given on web pages are screened like texts once stored (issue 15 item 1): on the real engine, through the
/// pages a client really uses.
/// </summary>
public sealed partial class ReferralJourneyTests
{
    [Fact]
    public async Task Journey_IntakeGoalsMentionBreathlessness_ClientAdvisedAtOnceAndTheFlagAlertsTheCoordinator()
    {
        var (host, actors, _) = await StartAsync(azurite);
        await using var _host = host;
        var id = await SubmitAsync(host);
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

    [Fact]
    public async Task Journey_WithdrawalReasonReportsVomiting_SameDayFlagAndStillWithdrawn()
    {
        var (host, actors, _) = await StartAsync(azurite);
        await using var _host = host;
        var id = await SubmitAsync(host);
        await UpToSessionScheduledAsync(host, actors, id);

        Ok(await actors.WithdrawConsentAsync(id, "Too unwell, I keep throwing up since the last cycle", Ct));

        await ReachAsync(host, id, Stage.Withdrawn);
        await actors.MessageAsync(id, k => k.StartsWith(id + ":flag:", StringComparison.Ordinal) && k.EndsWith(":Coordinator:0", StringComparison.Ordinal),
            "the coordinator alert of the withdrawal's red flag", Ct);
        Assert.Contains(await TimelineAsync(host, id), e => e.Kind == TimelineKind.RedFlag && e.Detail.Contains("withdrawing consent", StringComparison.Ordinal));
    }
}
