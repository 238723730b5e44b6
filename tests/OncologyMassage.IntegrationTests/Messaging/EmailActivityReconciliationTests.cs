using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;

namespace OncologyMassage.IntegrationTests.Messaging;

/// <summary>
/// The outbox reconciliation with <c>SendGrid:EmailActivityApi</c> on: the real SendGrid SDK against a WireMock.Net stub of
/// mail/send and of the Email Activity API, and the real outbox on Azurite. Whether a Pending email is resent depends on what
/// the API lists for its key, not on how long this process has been listening for events: listed, settled with no send;
/// not listed, sent once; an API error, nothing sent and the row left for the next run.
/// </summary>
public sealed class EmailActivityReconciliationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ActivityPath = "/v3/messages";
    private const string To = "client@example.com";
    private readonly WireMockServer stub = WireMockServer.Start();
    private readonly ShiftedClock clock = new();
    private ServiceProvider services = null!;


    public ValueTask InitializeAsync()
    {
        services = MessagingServices.Build(azurite, stub, clock, new Dictionary<string, string?>
        {
            ["Outbox:MaxReconciliations"] = "2",
            ["SendGrid:EmailActivityApi"] = "true",
            ["SendGrid:EmailActivityIndexingDelay"] = "00:01:00",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        stub.Stop();
        stub.Dispose();
    }

    private IMessageOutbox Outbox => services.GetRequiredService<IMessageOutbox>();

    private OutboxReconciliation Reconciliation => services.GetRequiredService<OutboxReconciliation>();

    /// <summary>A Pending email row written as the dispatcher writes it, an hour ago: its send's answer was never recorded.</summary>
    private Task<OutboxClaim> WritePendingAsync(string referralId, string key) =>
        Outbox.BeginAsync(new OutboxRow(referralId, key, MessageChannel.Email, To, "Your session at Harbor Spa", "See you on Tuesday at 10:00.",
            OutboxStatus.Pending, DateTimeOffset.UtcNow.AddHours(-1), null, null), TestContext.Current.CancellationToken);

    private async Task<OutboxRow> RowAsync(string referralId) =>
        Assert.Single(await Outbox.ListAsync(referralId, TestContext.Current.CancellationToken));

    /// <summary>The Activity API lists a message to <see cref="To"/> for each key in <paramref name="keys"/> that the query names, as SendGrid filters by unique args.</summary>
    private void ActivityLists(params string[] keys) =>
        stub.Given(Request.Create().WithPath(ActivityPath).UsingGet()).RespondWith(Response.Create().WithCallback(request =>
        {
            var query = request.Query?.TryGetValue("query", out var values) == true ? values.FirstOrDefault() ?? "" : "";
            var messages = keys.Where(k => query.Contains($"unique_args['idempotency_key']=\"{k}\"", StringComparison.Ordinal))
                .Select(k => new Dictionary<string, object> { ["msg_id"] = "sgact-" + k, ["to_email"] = To, ["status"] = "processed", ["subject"] = "Your session" })
                .ToArray();
            return new ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new WireMock.Util.BodyData { BodyAsString = JsonSerializer.Serialize(new { messages }), DetectedBodyType = BodyType.String },
            };
        }));

    private void ActivityFails(int status) =>
        stub.Given(Request.Create().WithPath(ActivityPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(status));

    private int SendGridSends => stub.LogEntries.Count(e => e.RequestMessage.Path == "/v3/mail/send");

    private int ActivityLookups => stub.LogEntries.Count(e => e.RequestMessage.Path == ActivityPath);

    /// <summary>The stub logs a request just after answering it: one request of the test's own, once logged, shows that every earlier one is.</summary>
    private async Task SettleStubLogAsync()
    {
        var path = "/__settled/" + Guid.NewGuid().ToString("N");
        using (var http = new HttpClient())
        {
            using var _ = await http.GetAsync(stub.Url + path, TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(() => Task.FromResult(stub.LogEntries.Any(e => e.RequestMessage.Path == path)), "the stub's log");
    }

    [Fact]
    public async Task RunAsync_PendingEmailTheActivityApiLists_SettlesItAndSendsNothingAfterTheEventWindow()
    {
        // The crash suite's case: SendGrid took the email, the host died before the outbox update, and no processed event
        // came within the window. The event window alone would resend it; the Activity API says SendGrid has it.
        await WritePendingAsync("ref-act-found", "ref-act-found:md-release:1");
        ActivityLists("ref-act-found:md-release:1");
        clock.Offset = TimeSpan.FromMinutes(1);

        var summary = await Reconciliation.RunAsync(TestContext.Current.CancellationToken);
        await Reconciliation.RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal((0, 1, 0), (SendGridSends, summary.Settled, summary.Resent));
        var row = await RowAsync("ref-act-found");
        Assert.Equal((OutboxStatus.Sent, "sgact-ref-act-found:md-release:1"), (row.Status, row.ProviderMessageId));
    }

    [Fact]
    public async Task RunAsync_PendingEmailTheActivityApiDoesNotList_SendsItOnceAcrossTwoRunsRightAfterAStart()
    {
        // No event window to wait for: the API's "not listed" (after its indexing delay) is the answer.
        await WritePendingAsync("ref-act-missing", "ref-act-missing:md-release:1");
        ActivityLists("ref-act-other:md-release:1");

        var first = await Reconciliation.RunAsync(TestContext.Current.CancellationToken);
        await Reconciliation.RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal((1, 1), (SendGridSends, first.Resent));
        Assert.Contains("\"idempotency_key\":\"ref-act-missing:md-release:1\"", stub.LogEntries.Single(e => e.RequestMessage.Path == "/v3/mail/send").RequestMessage.Body, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync("ref-act-missing")).Status);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task RunAsync_ActivityApiFails_SendsNothingLeavesTheRowAndAsksAgainNextRun(int status)
    {
        await WritePendingAsync("ref-act-down", "ref-act-down:md-release:1");
        ActivityFails(status);
        clock.Offset = TimeSpan.FromMinutes(1); // the event window has passed too: only the API's answer may resend

        var failed = await Reconciliation.RunAsync(TestContext.Current.CancellationToken);
        await Reconciliation.RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        var row = await RowAsync("ref-act-down");
        Assert.Equal((0, 0, 1), (SendGridSends, failed.Resent, failed.Unresolved));
        Assert.Equal((OutboxStatus.Pending, 0), (row.Status, row.Reconciliations));
        Assert.Equal(2, ActivityLookups);

        stub.ResetMappings();
        Webhooks.AcceptEverything(stub);
        ActivityLists("ref-act-down:md-release:1");
        var recovered = await Reconciliation.RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal((0, 1), (SendGridSends, recovered.Settled));
        Assert.Equal(OutboxStatus.Sent, (await RowAsync("ref-act-down")).Status);
    }
}
