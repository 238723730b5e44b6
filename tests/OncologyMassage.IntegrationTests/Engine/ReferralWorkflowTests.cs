using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// The first stage of ReferralOrchestration on the real engine: decisions, reminders, expiry and a host restart. The
/// decisions share one host (each works on its own referral); expiry needs shrunk durations no other test uses, the
/// dropped late decision needs a host that runs nothing else (it waits for the control queues to drain), and the
/// restart needs a task hub of its own, so those three start their own host.
/// </summary>
public sealed class ReferralWorkflowTests(AzuriteFixture azurite, SharedHost shared) : IClassFixture<SharedHost>
{
    private static readonly ReleaseAnswered Approval = new(ReleaseOutcome.Approved, DateTimeOffset.UtcNow);

    [Fact]
    public async Task ReleaseApproved_MovesToIntakePendingAndRecordsTheDecision()
    {
        var host = shared.Host;
        var id = await SubmitAsync(host);
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);

        await host.Durable.RaiseEventAsync(id, WorkflowEvents.ReleaseDecided,
            new ReleaseAnswered(ReleaseOutcome.ApprovedWithRestrictions, DateTimeOffset.UtcNow),
            TestContext.Current.CancellationToken);

        await host.WaitForStageAsync(id, Stage.IntakePending);
        // The row moves before its timeline entry is written (row, pipeline board, timeline, in that order): wait for the entry.
        await WaitForTimelineAsync(host, id, "StageChanged:IntakePending");
        var timeline = await TimelineAsync(host, id);

        Assert.Equal(
            ["StageChanged:MdReleaseRequested", "MessageSent:MdReleaseRequested", "Decision:MdReleaseRequested", "StageChanged:IntakePending"],
            timeline.Take(4));
        var onBoard = Assert.Single(await host.RowsAsync(StorageTables.Pipeline), r => r.RowKey == $"r|{id}");
        Assert.Equal("IntakePending", onBoard.GetString("Stage"));
    }

    [Fact]
    public async Task ReleaseDeclined_ClosesTheReferralAsDeclinedWithAReason()
    {
        var host = shared.Host;
        var id = await SubmitAsync(host);
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);

        await host.Durable.RaiseEventAsync(id, WorkflowEvents.ReleaseDecided,
            new ReleaseAnswered(ReleaseOutcome.Declined, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        var state = await host.WaitForStageAsync(id, Stage.Declined);
        Assert.Equal("The oncologist declined the release", state.ClosedReason);
        var done = await host.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Stage.Declined, done.ReadOutputAs<ReferralOutcome>()!.FinalStage);
    }

    [Fact]
    public async Task NoDecision_RemindsThenExpires()
    {
        // Reminders at 1.5 s and 3 s, the coordinator told at 4.5 s, expiry at 8 s: the margins keep each step ahead of the
        // expiry when two cores are busy (with expiry at 4 s the second reminder lost that race under load now and then).
        await using var host = await TestHost.StartAsync(azurite, releaseReminderAfter: TimeSpan.FromSeconds(1.5), releaseExpiresAfter: TimeSpan.FromSeconds(8));
        var id = await SubmitAsync(host);

        var state = await host.WaitForStageAsync(id, Stage.Expired, TimeSpan.FromSeconds(30));

        Assert.Equal("No release decision before the deadline", state.ClosedReason);
        var sent = (await host.RowsAsync(StorageTables.Outbox)).Select(r => r.RowKey).Order().ToArray();
        Assert.Equal([$"{id}:coordinator:release-overdue", $"{id}:md-release:1", $"{id}:md-release:2", $"{id}:md-release:3"], sent);
        await WaitForTimelineAsync(host, id, "StageChanged:Expired"); // the row moves first, then the board, then the timeline
        var onBoard = Assert.Single(await host.RowsAsync(StorageTables.Pipeline), r => r.RowKey == $"r|{id}");
        Assert.Equal("Expired", onBoard.GetString("Stage"));
    }

    [Fact]
    public async Task DecisionAfterExpiry_ChangesNothing()
    {
        await using var host = await TestHost.StartAsync(azurite, releaseReminderAfter: TimeSpan.FromHours(1), releaseExpiresAfter: TimeSpan.FromSeconds(2));
        var id = await SubmitAsync(host);
        await host.WaitForStageAsync(id, Stage.Expired, TimeSpan.FromSeconds(30));
        await host.Durable.WaitForInstanceCompletionAsync(id, TestContext.Current.CancellationToken);

        await host.Durable.RaiseEventAsync(id, WorkflowEvents.ReleaseDecided, Approval, TestContext.Current.CancellationToken);
        // The engine deletes the event's message once it has discarded it (the instance has completed): when this host's
        // control queues are empty, the event has been dealt with and anything it could have changed has been changed.
        // (This host runs only this referral, so an empty queue is about this event.)
        await host.ControlQueuesDrainedAsync();

        var state = await host.Http.GetFromJsonAsync<ReferralState>($"api/referrals/{id}", Infrastructure.Json.Options, TestContext.Current.CancellationToken);
        Assert.Equal(Stage.Expired, state!.Stage);
    }

    [Fact]
    public async Task HostRestartedWhileWaiting_InstanceStillWaitsAndCompletesOnTheNewHost()
    {
        string id;
        string hub;
        await using (var first = await TestHost.StartAsync(azurite))
        {
            hub = first.TaskHub;
            id = await SubmitAsync(first);
            await first.WaitForStageAsync(id, Stage.MdReleaseRequested);
            await WaitForTimelineAsync(first, id, "MessageSent:MdReleaseRequested");
        }

        await using var second = await TestHost.StartAsync(azurite, hub);
        var waiting = await second.Durable.GetInstanceAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting!.RuntimeStatus);

        await second.Durable.RaiseEventAsync(id, WorkflowEvents.ReleaseDecided, Approval, TestContext.Current.CancellationToken);

        await second.WaitForStageAsync(id, Stage.IntakePending, TimeSpan.FromSeconds(60));
        // The release request was not sent again by the restarted host. (The intake invitation that follows IntakePending
        // may or may not be in the outbox yet, so only the release requests are counted.)
        var releaseRequests = (await second.RowsAsync(StorageTables.Outbox)).Where(r => r.RowKey.StartsWith($"{id}:md-release", StringComparison.Ordinal));
        Assert.Equal([$"{id}:md-release:1"], releaseRequests.Select(r => r.RowKey));
    }

    private static async Task<string> SubmitAsync(TestHost host)
    {
        using var response = await host.PostReferralAsync(Samples.Referral());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }

    /// <summary>Waits until the timeline shows <paramref name="entry"/> and the orchestration has settled into its next wait.</summary>
    private static async Task WaitForTimelineAsync(TestHost host, string id, string entry)
    {
        await Eventually.UntilAsync(async () => (await TimelineAsync(host, id)).Contains(entry), $"{entry} on the timeline of {id}");
        await host.SettledAsync(id);
    }

    private static async Task<string[]> TimelineAsync(TestHost host, string id)
    {
        var body = await host.Http.GetFromJsonAsync<JsonElement>($"api/referrals/{id}/timeline", TestContext.Current.CancellationToken);
        return body.GetProperty("entries").EnumerateArray()
            .Select(e => $"{e.GetProperty("kind").GetString()}:{e.GetProperty("stage").GetString()}").ToArray();
    }
}
