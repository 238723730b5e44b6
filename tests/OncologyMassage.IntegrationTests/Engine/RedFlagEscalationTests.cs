using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// Red flags on the real engine and Azurite (docs/clinical.md, "Escalation"), clocks shrunk to seconds: a red-flag reply
/// opens a flag, its escalation alerts the coordinator and the oncologist's office, escalates to the backup contact until a
/// coordinator acknowledges it through the API, and then completes. The tests share one host with the escalation clocks
/// shrunk (<see cref="EscalationHost"/>), each in a <see cref="Journey"/> of its own: flags are kept and listed per venue.
/// </summary>
public sealed class RedFlagEscalationTests(AzuriteFixture azurite, RedFlagEscalationTests.EscalationHost escalation) : IClassFixture<RedFlagEscalationTests.EscalationHost>
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Workflow:FirstFollowUpAfter"] = "00:00:01",
        ["Workflow:SecondFollowUpAfter"] = "00:00:30",
        ["Workflow:ThirdFollowUpAfter"] = "00:01:00",
        ["Workflow:FollowUpReplyWindow"] = "00:00:30",
        ["Escalation:ImmediateAcknowledgeWithin"] = "00:00:02",
        ["Escalation:MaxEscalations"] = "10",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The class's host: follow-ups and escalation clocks of their own.</summary>
    public sealed class EscalationHost(AzuriteFixture azurite) : SharedHost(azurite)
    {
        protected override Task<TestHost> StartAsync(AzuriteFixture azurite) => TestHost.StartAsync(azurite, Settings);
    }

    [Fact]
    public async Task ImmediateReplyNotAcknowledged_AlertsCoordinatorAndOfficeThenBackupUntilAcknowledged()
    {
        var journey = await Journey.StartAsync(escalation.Host);
        var (host, actors, coordinator) = journey;
        var id = await journey.SubmitAsync();
        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        Ok(await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct));
        Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada Sample"), Ct));
        await host.WaitForStageAsync(id, Stage.SessionScheduled);
        Ok(await coordinator.PostAsync($"api/referrals/{id}/sessions", JsonContent.Create(new
        {
            pressureUsed = 2, sitesAvoided = Array.Empty<string>(), position = "supine",
            pre = new { pain = 4, anxiety = 6, nausea = 2, fatigue = 7 }, post = new { pain = 2, anxiety = 3, nausea = 1, fatigue = 5 },
        }), Ct));

        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "I can't breathe and my chest hurts", Ct));

        // The flag opens, and the coordinator and the office are alerted at once; unacknowledged, the backup contact next.
        var open = await EventuallyAsync(async () => await OpenFlagsAsync(coordinator, journey.VenueId) is { Length: > 0 } flags ? flags : null);
        var flag = Assert.Single(open, f => f.GetProperty("referralId").GetString() == id);
        var flagId = flag.GetProperty("flagId").GetString()!;
        Assert.Equal("Immediate", flag.GetProperty("level").GetString());
        var backup = await WaitForOutboxAsync(host, id, "Backup:1");
        Assert.Equal("backup.harbor-infusion-center@example.org", backup.To);
        Assert.DoesNotContain("breathe", backup.Body, StringComparison.OrdinalIgnoreCase);
        var sent = (await OutboxKeysAsync(host, id)).ToArray();
        Assert.Contains(sent, k => k.EndsWith(":Coordinator:0", StringComparison.Ordinal));
        Assert.Contains(sent, k => k.EndsWith(":OncologistOffice:0", StringComparison.Ordinal));

        using var ack = await coordinator.PostAsJsonAsync($"api/referrals/{id}/flags/{flagId}/acknowledge", new { note = "Called her: on her way to the ED" }, Ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        var done = await host.Durable.WaitForInstanceCompletionAsync(RedFlags.InstanceId(flagId), getInputsAndOutputs: true, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<FlagEscalationOutcome>()!.Acknowledged);
        Assert.Empty(await OpenFlagsAsync(coordinator, journey.VenueId));
        var timeline = await host.App.Services.GetRequiredService<IReferralStore>().GetTimelineAsync(id, Ct);
        Assert.Contains(timeline, e => e.Detail.StartsWith("Red flag (immediate) opened: coordinator alerted at once", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Detail.StartsWith("Referring oncologist's office alerted", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Detail.Contains("escalated to the backup contact", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Detail.StartsWith("Red flag (immediate) acknowledged by", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameDayFlagClientDidNotAllowCareTeamContact_AlertsCoordinatorButNotTheOffice()
    {
        var journey = await Journey.StartAsync(escalation.Host);
        var host = journey.Host;
        var id = await journey.SubmitAsync(); // no intake yet: no permission to contact the care team
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        var flags = host.App.Services.GetRequiredService<RedFlags>();

        var flag = (await flags.RaiseAsync(id, RedFlagLevel.SameDay, "SM-unexpected-1", Ct))!;
        var again = (await flags.RaiseAsync(id, RedFlagLevel.SameDay, "SM-unexpected-1", Ct))!;

        Assert.Equal(flag.FlagId, again.FlagId);
        await WaitForOutboxAsync(host, id, "Coordinator:0");
        var timeline = await EventuallyAsync(async () =>
        {
            var entries = await host.App.Services.GetRequiredService<IReferralStore>().GetTimelineAsync(id, Ct);
            return entries.Any(e => e.Detail.StartsWith("Referring oncologist's office not told", StringComparison.Ordinal)) ? entries : null;
        });
        Assert.DoesNotContain(await OutboxKeysAsync(host, id), k => k.Contains(":OncologistOffice:", StringComparison.Ordinal));
        Assert.Single(await host.RowsAsync(StorageTables.RedFlags, journey.VenueId)); // flags are kept per venue: this test's own
        Assert.NotNull(timeline);
    }

    [Fact]
    public async Task ReferralErased_FlagRowsAndEscalationInstanceAreGone()
    {
        var journey = await Journey.StartAsync(escalation.Host);
        var host = journey.Host;
        var id = await journey.SubmitAsync();
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        var flag = (await host.App.Services.GetRequiredService<RedFlags>().RaiseAsync(id, RedFlagLevel.Immediate, "SM-erase", Ct))!;
        await WaitForOutboxAsync(host, id, "OncologistOffice:0");

        await host.App.Services.GetRequiredService<ReferralErasure>().EraseAsync(id, new PrivacyActor("operator", "test"), Ct);

        Assert.Empty(await host.RowsAsync(StorageTables.RedFlags, journey.VenueId));
        Assert.Null(await host.Durable.GetInstanceAsync(RedFlags.InstanceId(flag.FlagId), Ct));
    }

    /// <summary>
    /// A terminated instance's timers stay in its control queue and fire later (in production hours later: the escalation's
    /// acknowledge window, the release reminder). The erasure's purge re-check covers messages already on their way, not
    /// these; this proves that a timer firing after the purge does not bring the instance's record or history back. On a
    /// host of its own, so that "the control queues drained" means these timers were delivered and discarded.
    /// </summary>
    [Fact]
    public async Task EraseAsync_TimersStillPendingFireAfterThePurge_InstancesStayGone()
    {
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Escalation:ImmediateAcknowledgeWithin"] = "00:00:06",
            ["Workflow:ReleaseReminderAfter"] = "00:00:07",
            ["Workflow:ReleaseExpiresAfter"] = "00:00:09",
        };
        await using var host = await TestHost.StartAsync(azurite, settings);
        var journey = await Journey.StartAsync(host);
        var id = await journey.SubmitAsync();
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        var flag = (await host.App.Services.GetRequiredService<RedFlags>().RaiseAsync(id, RedFlagLevel.Immediate, "SM-late-timer", Ct))!;
        await WaitForOutboxAsync(host, id, "OncologistOffice:0");

        var erasure = await host.App.Services.GetRequiredService<ReferralErasure>().EraseAsync(id, new PrivacyActor("operator", "test"), Ct);
        Assert.True(erasure.ReferralFound);
        Assert.Null(await host.Durable.GetInstanceAsync(id, Ct));
        Assert.Null(await host.Durable.GetInstanceAsync(RedFlags.InstanceId(flag.FlagId), Ct));

        // The escalation's 6 s deadline and the referral's 7 s reminder and 9 s expiry were still pending: once the control
        // queues are empty every one of them has been delivered.
        await host.ControlQueuesDrainedAsync(TimeSpan.FromSeconds(120));
        Assert.Null(await host.Durable.GetInstanceAsync(id, Ct));
        Assert.Null(await host.Durable.GetInstanceAsync(RedFlags.InstanceId(flag.FlagId), Ct));
        Assert.Empty(await host.InstancesAsync());
        var history = host.Tables.GetTableClient(host.TaskHub + "History");
        foreach (var instanceId in new[] { id, RedFlags.InstanceId(flag.FlagId) })
        {
            await foreach (var row in history.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == instanceId, cancellationToken: Ct))
            {
                Assert.Fail($"{instanceId} has history again: {row.RowKey}");
            }
        }
    }

    private static async Task<JsonElement[]> OpenFlagsAsync(HttpClient coordinator, string venueId)
    {
        var view = await coordinator.GetFromJsonAsync<JsonElement>($"api/flags?venue={venueId}", Ct);
        return [.. view.GetProperty("flags").EnumerateArray()];
    }

    private static async Task<IEnumerable<string>> OutboxKeysAsync(TestHost host, string id) =>
        (await host.App.Services.GetRequiredService<IMessageOutbox>().ListAsync(id, Ct)).Select(r => r.IdempotencyKey)
            .Where(k => k.StartsWith(id + ":flag:", StringComparison.Ordinal));

    private static Task<OutboxRow> WaitForOutboxAsync(TestHost host, string id, string suffix) =>
        EventuallyAsync(async () => (await host.App.Services.GetRequiredService<IMessageOutbox>().ListAsync(id, Ct))
            .FirstOrDefault(r => r.IdempotencyKey.StartsWith(id + ":flag:", StringComparison.Ordinal) && r.IdempotencyKey.EndsWith(":" + suffix, StringComparison.Ordinal)));

    private static Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class => Eventually.FoundAsync(probe, "the expected state", TimeSpan.FromSeconds(45));

    private static void Ok(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }
}
