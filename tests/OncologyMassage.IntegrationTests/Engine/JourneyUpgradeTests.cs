using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Durable;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;
using static OncologyMassage.IntegrationTests.Engine.Journey;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// Upgrades do not strand waiting referrals (issue 16 item 5, docs/decisions/0009-orchestration-versioning.md): an
/// instance started by the previous release (before form answers were screened) is half-way through its journey when
/// the host stops; the current release starts on the same task hub, replays its history and walks it to the end on the
/// previous release's path, while a referral submitted after the upgrade takes the new one. A restart on the same task hub
/// is the subject, so this class starts its own hosts (the demo venue and its coordinator are theirs alone).
/// </summary>
public sealed class JourneyUpgradeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Journey_StartedByThePreviousReleaseAndUpgradedMidway_CompletesOnItsOwnVersionAfterTheRestart()
    {
        const string Breathless = "Relax. I get so short of breath on the stairs since Monday";
        string hub;
        string id;
        await using (var previous = await TestHost.StartAsync(azurite, "h" + Guid.NewGuid().ToString("N")[..12], overrides: JourneySettings.Fast,
            services: s => s.AddSingleton<IReferralWorkflowClient>(sp => new PreviousRelease(new DurableReferralWorkflowClient(sp.GetRequiredService<IDurableClientSource>())))))
        {
            hub = previous.TaskHub;
            var (actors, _) = await ActorsAsync(previous);
            id = await SubmitAsync(previous);
            var intake = ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow));
            intake["goals"] = Breathless; // a red flag for the current release; the previous one did not screen intakes
            Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
            Ok(await actors.SubmitIntakeAsync(id, intake, Ct));
            Ok(await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct));
            Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada Sample"), Ct));
            await ReachAsync(previous, id, Stage.SessionScheduled);
        }

        await using var current = await TestHost.StartAsync(azurite, hub, overrides: JourneySettings.Fast);
        var (people, therapist) = await ActorsAsync(current);
        await RecordSessionAsync(therapist, id);
        Ok(await people.ReplyToTextAsync(id, ":sms24h-1", "pain 2 tired 3 nausea 0 worry 1", Ct));
        Ok(await people.AnswerSurveyAsync(id, 1, new Dictionary<string, string> { ["pain"] = "1", ["wellBeing"] = "2" }, Ct));
        Ok(await people.ReplyToTextAsync(id, ":sms30d-1", "no problems, thank you", Ct));
        await ReachAsync(current, id, Stage.Completed, TimeSpan.FromSeconds(60));

        var upgraded = await current.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, upgraded.RuntimeStatus);
        Assert.Equal(WorkflowVersions.Unversioned, upgraded.ReadInputAs<ReferralWorkflowInput>()!.Version);
        Assert.DoesNotContain(await TimelineAsync(current, id), e => e.Kind == TimelineKind.RedFlag);

        // After the upgrade a new referral starts on the current version and its intake is screened.
        var newer = await SubmitAsync(current);
        var intakeNow = ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow));
        intakeNow["goals"] = Breathless;
        Ok(await people.DecideReleaseAsync(newer, ReferralActors.Signature("approve"), Ct));
        Ok(await people.SubmitIntakeAsync(newer, intakeNow, Ct));
        await people.MessageAsync(newer, k => k == newer + ":urgent:form-intake", "the urgent advice on the current version", Ct);
        var started = await current.Durable.GetInstanceAsync(newer, getInputsAndOutputs: true, Ct);
        Assert.Equal(WorkflowVersions.Current, started!.ReadInputAs<ReferralWorkflowInput>()!.Version);
    }

    /// <summary>Submits the sample referral (the demo venue) for one session.</summary>
    private static async Task<string> SubmitAsync(TestHost host)
    {
        using var posted = await host.PostReferralAsync(Samples.Referral(r => r["sessionsAuthorised"] = 1));
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<(ReferralActors Actors, HttpClient Therapist)> ActorsAsync(TestHost host)
    {
        var people = new HttpClient { BaseAddress = host.Http.BaseAddress };
        var therapist = await host.SignInAsync(CoordinatorHost.HarborCoordinator);
        return (new ReferralActors(people, host.App.Services.GetRequiredService<IMessageOutbox>(), phone: therapist), therapist);
    }

    /// <summary>Starts referrals the way the release before versioning did: its input carried no version.</summary>
    private sealed class PreviousRelease(IReferralWorkflowClient inner) : IReferralWorkflowClient
    {
        public Task StartReferralAsync(string referralId, ReferralWorkflowInput input, CancellationToken cancellationToken) =>
            inner.StartReferralAsync(referralId, input with { Version = WorkflowVersions.Unversioned }, cancellationToken);

        public Task StartFlagEscalationAsync(string instanceId, FlagEscalationInput input, CancellationToken cancellationToken) =>
            inner.StartFlagEscalationAsync(instanceId, input, cancellationToken);

        public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken) =>
            inner.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

        public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
            inner.GetInstanceAsync(instanceId, cancellationToken);

        public IAsyncEnumerable<OrchestrationMetadata> ListInstancesAsync(string instanceIdPrefix, CancellationToken cancellationToken) =>
            inner.ListInstancesAsync(instanceIdPrefix, cancellationToken);

        public Task TerminateAsync(string instanceId, string output, CancellationToken cancellationToken) =>
            inner.TerminateAsync(instanceId, output, cancellationToken);

        public Task WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken) =>
            inner.WaitForCompletionAsync(instanceId, cancellationToken);

        public Task<int> PurgeAsync(string instanceId, CancellationToken cancellationToken) =>
            inner.PurgeAsync(instanceId, cancellationToken);
    }
}
