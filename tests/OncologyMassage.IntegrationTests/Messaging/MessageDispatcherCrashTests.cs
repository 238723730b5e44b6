using System.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OncologyMassage.IntegrationTests.Messaging;

/// <summary>
/// The flow dies between the vendor's "accepted" and the outbox update (the provider id write is dropped), with the real
/// Twilio and SendGrid SDKs against a stub and the real outbox on Azurite. The retried activity sends nothing (the row stays
/// Pending, reported Uncertain); then the reconciliation asks the vendor and settles the row, or resends only what the
/// vendor does not have, exactly once.
/// </summary>
public sealed class MessageDispatcherCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Body = "Harbor Spa: how do you feel today? Reply 0-10.";
    private readonly WireMockServer stub = WireMockServer.Start();
    private ServiceProvider services = null!;


    /// <summary>The real outbox, except that its next completion dies like a killed host once <see cref="Armed"/>.</summary>
    private sealed class DiesOnceOnComplete(IMessageOutbox inner) : IMessageOutbox
    {
        private int armed;

        public bool Armed
        {
            set => Volatile.Write(ref armed, value ? 1 : 0);
        }

        public Task<OutboxClaim> BeginAsync(OutboxRow row, CancellationToken cancellationToken) => inner.BeginAsync(row, cancellationToken);

        public Task CompleteAsync(string referralId, string idempotencyKey, OutboxStatus status, string? providerMessageId, string? failureReason, bool indexProviderId, CancellationToken cancellationToken) =>
            Interlocked.Exchange(ref armed, 0) == 1
                ? throw new IOException("host killed between the vendor call and the outbox update")
                : inner.CompleteAsync(referralId, idempotencyKey, status, providerMessageId, failureReason, indexProviderId, cancellationToken);

        public Task<IReadOnlyList<OutboxRow>> ListAsync(string referralId, CancellationToken cancellationToken) => inner.ListAsync(referralId, cancellationToken);

        public Task<OutboxRow?> FindAsync(string referralId, string idempotencyKey, CancellationToken cancellationToken) => inner.FindAsync(referralId, idempotencyKey, cancellationToken);

        public Task<OutboxRow?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken) => inner.FindByProviderIdAsync(providerMessageId, cancellationToken);

        public Task<bool> RecordDeliveryAsync(string referralId, string idempotencyKey, OutboxStatus status, string? failureReason, CancellationToken cancellationToken) =>
            inner.RecordDeliveryAsync(referralId, idempotencyKey, status, failureReason, cancellationToken);

        public Task<IReadOnlyList<OutboxRow>> ListPendingAsync(DateTimeOffset attemptedBefore, CancellationToken cancellationToken) => inner.ListPendingAsync(attemptedBefore, cancellationToken);

        public Task<bool> TryClaimReconciliationAsync(OutboxRow seen, DateTimeOffset at, CancellationToken cancellationToken) => inner.TryClaimReconciliationAsync(seen, at, cancellationToken);
    }

    public ValueTask InitializeAsync()
    {
        services = MessagingServices.Build(azurite, stub, clock, new Dictionary<string, string?> { ["Outbox:MaxReconciliations"] = "2" }, collection =>
        {
            collection.AddSingleton<TableMessageOutbox>();
            collection.AddSingleton<IMessageOutbox>(sp => new DiesOnceOnComplete(sp.GetRequiredService<TableMessageOutbox>()));
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        stub.Stop();
        stub.Dispose();
    }

    /// <summary>The services' clock; moved forward to let the reconciliation window pass since the "host" (this provider) started.</summary>
    private readonly ShiftedClock clock = new();

    private MessageDispatcher Dispatcher => services.GetRequiredService<MessageDispatcher>();

    private IMessageOutbox Outbox => services.GetRequiredService<IMessageOutbox>();

    private static OutgoingSms FollowUp(string referralId) => new($"{referralId}:follow-up-24h:1", referralId, Webhooks.ClientPhone, Body);

    /// <summary>Sends through the dispatcher and dies before the outbox update, as a killed host would.</summary>
    private async Task CrashAfterVendorCallAsync(OutgoingSms sms)
    {
        ((DiesOnceOnComplete)Outbox).Armed = true;
        await Assert.ThrowsAsync<IOException>(() => Dispatcher.SendSmsAsync(sms, TestContext.Current.CancellationToken));
    }

    /// <summary>A Pending row written as the dispatcher would, an hour ago, for a send that never reached the vendor.</summary>
    private Task<OutboxClaim> WritePendingAsync(string referralId, MessageChannel channel, string key) =>
        Outbox.BeginAsync(new OutboxRow(referralId, key, channel, channel == MessageChannel.Sms ? Webhooks.ClientPhone : "client@example.com",
            channel == MessageChannel.Sms ? "" : "Your session at Harbor Spa", Body, OutboxStatus.Pending, DateTimeOffset.UtcNow.AddHours(-1), null, null),
            TestContext.Current.CancellationToken);

    private async Task<OutboxRow> RowAsync(string referralId) =>
        Assert.Single(await Outbox.ListAsync(referralId, TestContext.Current.CancellationToken));

    private static string Rfc2822Now => DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Twilio's message list (GET Messages.json) answering with <paramref name="messages"/> (sid, body, status) to the client's number.</summary>
    private void TwilioListReturns(params (string Sid, string Body, string Status)[] messages) =>
        stub.Given(Request.Create().WithPath(Webhooks.MessagesPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new Dictionary<string, object?>
            {
                ["messages"] = messages.Select(m => new Dictionary<string, object?>
                {
                    ["sid"] = m.Sid,
                    ["to"] = Webhooks.ClientPhone,
                    ["body"] = m.Body,
                    ["status"] = m.Status,
                    ["date_created"] = Rfc2822Now, // after the Pending rows written an hour ago: inside their window
                    ["date_sent"] = Rfc2822Now,
                }).ToArray(),
                ["page"] = 0,
                ["page_size"] = 100,
                ["start"] = 0,
                ["end"] = messages.Length,
                ["uri"] = Webhooks.MessagesPath + "?PageSize=100&Page=0",
                ["first_page_uri"] = Webhooks.MessagesPath + "?PageSize=100&Page=0",
                ["next_page_uri"] = null,
                ["previous_page_uri"] = null,
            }));

    /// <summary>Texts posted to Twilio (the message list is read with GET on the same path).</summary>
    private int TwilioPosts => stub.LogEntries.Count(e => e.RequestMessage.Path == Webhooks.MessagesPath && e.RequestMessage.Method == "POST");

    private int SendGridSends => stub.LogEntries.Count(e => e.RequestMessage.Path == "/v3/mail/send");

    /// <summary>
    /// The stub logs a request just after answering it: one request of the test's own, once logged, shows that every
    /// request answered before it is in the log too.
    /// </summary>
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
    public async Task SendSmsAsync_RetriedAfterDyingBetweenVendorAndOutbox_MakesOneVendorRequestAndReportsUncertain()
    {
        var sms = FollowUp("ref-crash");

        await CrashAfterVendorCallAsync(sms);
        var retried = await Dispatcher.SendSmsAsync(sms, TestContext.Current.CancellationToken);

        Assert.Equal(DispatchOutcome.Uncertain, retried);
        await SettleStubLogAsync();
        Assert.Equal(1, TwilioPosts);
        Assert.Equal(OutboxStatus.Pending, (await RowAsync("ref-crash")).Status);
    }

    [Fact]
    public async Task SendSmsAsync_DiedBeforeTheSidWasRecorded_StatusCallbackUrlStillNamesTheRow()
    {
        var sms = FollowUp("ref-crash-cb");

        await CrashAfterVendorCallAsync(sms);

        await SettleStubLogAsync();
        var form = HttpUtility.ParseQueryString(stub.LogEntries.Single(e => e.RequestMessage.Path == Webhooks.MessagesPath).RequestMessage.Body!);
        var token = HttpUtility.ParseQueryString(new Uri(form["StatusCallback"]!).Query)["m"];
        Assert.Equal(new MessageKey(sms.ReferralId, sms.IdempotencyKey), services.GetRequiredService<MessageCallbackTokens>().Check(token));
    }

    [Fact]
    public async Task RunAsync_PendingSmsThatTwilioHas_SettlesTheRowWithItsSidAndSendsNothing()
    {
        await WritePendingAsync("ref-recon-has", MessageChannel.Sms, "ref-recon-has:follow-up-24h:1");
        TwilioListReturns(("SMother", "Another text", "delivered"), ("SMfound", Body, "delivered"));

        var summary = await services.GetRequiredService<OutboxReconciliation>().RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal((1, 0, 0), (summary.Settled, summary.Resent, TwilioPosts));
        var row = await RowAsync("ref-recon-has");
        Assert.Equal((OutboxStatus.Delivered, "SMfound"), (row.Status, row.ProviderMessageId));
    }

    [Fact]
    public async Task RunAsync_PendingSmsThatTwilioDoesNotHave_SendsItOnceAcrossTwoRuns()
    {
        await WritePendingAsync("ref-recon-lost", MessageChannel.Sms, "ref-recon-lost:intake:1");
        TwilioListReturns();
        var reconciliation = services.GetRequiredService<OutboxReconciliation>();

        var first = await reconciliation.RunAsync(TestContext.Current.CancellationToken);
        var second = await reconciliation.RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal((1, 0), (first.Resent, second.Resent));
        Assert.Equal(1, TwilioPosts);
        var listed = stub.LogEntries.Single(e => e.RequestMessage.Path == Webhooks.MessagesPath && e.RequestMessage.Method == "GET").RequestMessage;
        Assert.Equal(Webhooks.ClientPhone, listed.Query!["To"].Single());
        Assert.Equal(OutboxStatus.Sent, (await RowAsync("ref-recon-lost")).Status);
    }

    [Fact]
    public async Task RunAsync_PendingSmsToANumberThatOptedOut_SendsNothingAndTellsACoordinator()
    {
        await WritePendingAsync("ref-recon-stop", MessageChannel.Sms, "ref-recon-stop:intake:1");
        await services.GetRequiredService<IOptOutStore>().OptOutAsync(Webhooks.ClientPhone, DateTimeOffset.UtcNow, "STOP", TestContext.Current.CancellationToken);
        TwilioListReturns();

        var summary = await services.GetRequiredService<OutboxReconciliation>().RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal((0, 1), (TwilioPosts, summary.HandedToCoordinator));
        Assert.Equal(OutboxStatus.Failed, (await RowAsync("ref-recon-stop")).Status);
    }

    [Fact]
    public async Task RunAsync_PendingEmailWithNoProcessedEvent_SendsItOnceWithItsKey()
    {
        await WritePendingAsync("ref-recon-mail", MessageChannel.Email, "ref-recon-mail:consent:1");
        var reconciliation = services.GetRequiredService<OutboxReconciliation>();
        clock.Offset = TimeSpan.FromMinutes(1); // the host has been listening for SendGrid's events for longer than the window

        await reconciliation.RunAsync(TestContext.Current.CancellationToken);
        await reconciliation.RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal(1, SendGridSends);
        Assert.Contains("\"idempotency_key\":\"ref-recon-mail:consent:1\"", stub.LogEntries.Single(e => e.RequestMessage.Path == "/v3/mail/send").RequestMessage.Body, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync("ref-recon-mail")).Status);
    }

    [Fact]
    public async Task RunAsync_PendingEmailProcessedEventArrived_SendsNothing()
    {
        await WritePendingAsync("ref-recon-proc", MessageChannel.Email, "ref-recon-proc:consent:1");
        var processed = new DeliveryReport(MessageChannel.Email, "sgprocessed", OutboxStatus.Sent, null, null, false, DateTimeOffset.UtcNow, "ref-recon-proc", "ref-recon-proc:consent:1");
        await services.GetRequiredService<DeliveryReports>().ApplyAsync(processed, TestContext.Current.CancellationToken);

        var summary = await services.GetRequiredService<OutboxReconciliation>().RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal((0, 0), (SendGridSends, summary.Resent));
        var row = await RowAsync("ref-recon-proc");
        Assert.Equal((OutboxStatus.Sent, "sgprocessed"), (row.Status, row.ProviderMessageId));
    }

    [Fact]
    public async Task RunAsync_PendingEmailRightAfterARestart_WaitsForTheEventWindowThenSendsOnce()
    {
        // The host was down (killed mid-send) for longer than the window: SendGrid may still be retrying its processed
        // event, so a missing event proves nothing until the webhook has been reachable for the whole window.
        await WritePendingAsync("ref-recon-restart", MessageChannel.Email, "ref-recon-restart:consent:1");
        var reconciliation = services.GetRequiredService<OutboxReconciliation>();

        var early = await reconciliation.RunAsync(TestContext.Current.CancellationToken);
        await SettleStubLogAsync();
        var row = await RowAsync("ref-recon-restart");
        Assert.Equal((0, 0, OutboxStatus.Pending, 0), (SendGridSends, early.Resent, row.Status, row.Reconciliations));

        clock.Offset = TimeSpan.FromSeconds(31);
        var later = await reconciliation.RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal((1, 1), (SendGridSends, later.Resent));
        Assert.Equal(OutboxStatus.Sent, (await RowAsync("ref-recon-restart")).Status);
    }
}
