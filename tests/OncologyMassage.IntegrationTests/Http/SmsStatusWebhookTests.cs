using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using WireMock.Server;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// POST /api/sms/status: texts sent by the real Twilio SDK to a WireMock stub, then Twilio's status callbacks, signed, in
/// and out of order. STOP through the inbound webhook then stops every later text before the vendor is called.
/// </summary>
public sealed class SmsStatusWebhookTests(VendorStubHost shared) : IClassFixture<VendorStubHost>
{
    private const string Status = "/api/sms/status";
    private readonly WireMockServer stub = shared.Stub;
    private readonly TestHost host = shared.Host;
    private readonly TestPhone phone = TestPhone.Unique(); // this test's client: its opt-out and its texts are its own

    private MessageDispatcher Dispatcher => host.App.Services.GetRequiredService<MessageDispatcher>();

    private IMessageOutbox Outbox => host.App.Services.GetRequiredService<IMessageOutbox>();

    private OutgoingSms FollowUp(string referralId, int attempt = 1) =>
        new($"{referralId}:follow-up-24h:{attempt}", referralId, phone.E164, "Harbor Spa: how do you feel today? Reply 0-10 for pain, tiredness, nausea, worry.");

    private async Task<OutboxRow> SendAsync(string referralId)
    {
        Assert.Equal(DispatchOutcome.Sent, await Dispatcher.SendSmsAsync(FollowUp(referralId), TestContext.Current.CancellationToken));
        return await RowAsync(referralId);
    }

    private async Task<OutboxRow> RowAsync(string referralId) =>
        (await Outbox.ListAsync(referralId, TestContext.Current.CancellationToken)).Single(r => r.Channel == MessageChannel.Sms);

    private Dictionary<string, string> Callback(string sid, string status, string? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid,
            ["SmsSid"] = sid,
            ["AccountSid"] = Webhooks.AccountSid,
            ["From"] = Webhooks.FromNumber,
            ["To"] = phone.E164,
            ["MessageStatus"] = status,
            ["SmsStatus"] = status,
        };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        return form;
    }

    /// <summary>Posts to the status callback URL Twilio was given with this test's last text, as Twilio does: it carries the signed outbox key.</summary>
    private async Task PostStatusAsync(Dictionary<string, string> form) => await PostStatusAsync(await LastCallbackAsync(), form);

    private async Task<string> LastCallbackAsync()
    {
        await Webhooks.WaitUntilAsync(() => Task.FromResult(Webhooks.TwilioSends(stub, phone.E164) > 0), "the stub logs the send");
        var sent = System.Web.HttpUtility.ParseQueryString(Webhooks.TwilioSendsTo(stub, phone.E164)[^1].RequestMessage.Body!);
        return new Uri(sent["StatusCallback"]!).PathAndQuery;
    }

    private async Task PostStatusAsync(string pathAndQuery, Dictionary<string, string> form)
    {
        using var response = await host.PostTwilioAsync(pathAndQuery, form, Webhooks.AuthToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task ReceiveSmsStatus_Delivered_MarksTheOutboxRowDelivered()
    {
        var id = await host.SubmitSampleAsync(phone);
        var sent = await SendAsync(id);

        await PostStatusAsync(Callback(sent.ProviderMessageId!, "delivered"));

        Assert.Equal(OutboxStatus.Delivered, (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task ReceiveSmsStatus_SentArrivingAfterDelivered_DoesNotMoveTheRowBack()
    {
        var id = await host.SubmitSampleAsync(phone);
        var sent = await SendAsync(id);

        await PostStatusAsync(Callback(sent.ProviderMessageId!, "delivered"));
        await PostStatusAsync(Callback(sent.ProviderMessageId!, "sent"));

        Assert.Equal(OutboxStatus.Delivered, (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task ReceiveSmsStatus_PermanentFailureReportedTwice_MarksUndeliveredAndPutsOneEntryOnTheTimeline()
    {
        var id = await host.SubmitSampleAsync(phone);
        var sent = await SendAsync(id);

        await PostStatusAsync(Callback(sent.ProviderMessageId!, "undelivered", "30003"));
        await PostStatusAsync(Callback(sent.ProviderMessageId!, "undelivered", "30003"));

        var row = await RowAsync(id);
        Assert.Equal((OutboxStatus.Undelivered, "30003 unreachable handset"), (row.Status, row.Error));
        var entry = Assert.Single(await host.ExternalTimelineAsync(id));
        Assert.Equal(nameof(TimelineKind.DeliveryFailed), entry.GetString("Kind"));
        Assert.StartsWith("A text message could not be delivered (error 30003", entry.GetString("Detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveSmsStatus_TransientFailure_MarksUndeliveredWithoutATimelineEntry()
    {
        var id = await host.SubmitSampleAsync(phone);
        var sent = await SendAsync(id);

        await PostStatusAsync(Callback(sent.ProviderMessageId!, "failed", "30001"));

        Assert.Equal(OutboxStatus.Undelivered, (await RowAsync(id)).Status);
        Assert.Empty(await host.ExternalTimelineAsync(id));
    }

    [Fact]
    public async Task ReceiveSmsStatus_ForgedSignature_Returns403AndLeavesTheRow()
    {
        var id = await host.SubmitSampleAsync(phone);
        var sent = await SendAsync(id);
        var form = Callback(sent.ProviderMessageId!, "undelivered", "30003");

        using var response = await host.PostTwilioAsync(Status, form, Webhooks.AuthToken, signature: Webhooks.TwilioSignature(Webhooks.PublicBaseUrl + Status, form, "forged"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(id)).Status);
        Assert.Empty(await host.ExternalTimelineAsync(id));
    }

    [Fact]
    public async Task SendSmsAsync_AfterTheClientRepliedStop_IsOptedOutWithoutAVendorCallOrOutboxRow()
    {
        var id = await host.SubmitSampleAsync(phone);
        using var stop = await host.PostTwilioAsync("/api/sms/inbound", Webhooks.InboundSms("STOP", "SMstop" + phone.E164[1..], phone.E164), Webhooks.AuthToken);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);

        var outcome = await Dispatcher.SendSmsAsync(FollowUp(id), TestContext.Current.CancellationToken);

        Assert.Equal(DispatchOutcome.OptedOut, outcome);
        Assert.Equal(0, Webhooks.TwilioSends(stub, phone.E164));
        Assert.DoesNotContain(await Outbox.ListAsync(id, TestContext.Current.CancellationToken), r => r.Channel == MessageChannel.Sms);
    }

    [Fact]
    public async Task SendSmsAsync_AfterStopThenStart_SendsAgain()
    {
        var id = await host.SubmitSampleAsync(phone);
        (await host.PostTwilioAsync("/api/sms/inbound", Webhooks.InboundSms("STOP", "SMstop" + phone.E164[1..], phone.E164), Webhooks.AuthToken)).Dispose();
        (await host.PostTwilioAsync("/api/sms/inbound", Webhooks.InboundSms("UNSTOP", "SMunstop" + phone.E164[1..], phone.E164), Webhooks.AuthToken)).Dispose();

        var outcome = await Dispatcher.SendSmsAsync(FollowUp(id), TestContext.Current.CancellationToken);

        Assert.Equal(DispatchOutcome.Sent, outcome);
        await Webhooks.WaitUntilAsync(() => Task.FromResult(Webhooks.TwilioSends(stub, phone.E164) == 1), "one request to Twilio");
    }
    /// <summary>
    /// The send reaches Twilio but the host dies before the SID is written (the dispatcher's outbox completion is dropped):
    /// the row is Pending with no provider id. Returns the status callback path and query Twilio was given.
    /// </summary>
    private async Task<string> SendWithoutRecordingTheSidAsync(string referralId)
    {
        var sms = FollowUp(referralId);
        await Outbox.BeginAsync(new OutboxRow(referralId, sms.IdempotencyKey, MessageChannel.Sms, sms.To, "", sms.Body, OutboxStatus.Pending, DateTimeOffset.UtcNow, null, null),
            TestContext.Current.CancellationToken);
        await host.App.Services.GetRequiredService<ISmsSender>().SendAsync(sms, TestContext.Current.CancellationToken);
        await Webhooks.WaitUntilAsync(() => Task.FromResult(Webhooks.TwilioSends(stub, phone.E164) > 0), "the stub logs the send");
        var form = System.Web.HttpUtility.ParseQueryString(Webhooks.TwilioSendsTo(stub, phone.E164)[^1].RequestMessage.Body!);
        return new Uri(form["StatusCallback"]!).PathAndQuery;
    }

    [Fact]
    public async Task ReceiveSmsStatus_CrashBeforeTheSidWasRecorded_SignedKeyInTheUrlSettlesThePendingRow()
    {
        var id = await host.SubmitSampleAsync(phone);
        var callback = await SendWithoutRecordingTheSidAsync(id);
        Assert.Equal(OutboxStatus.Pending, (await RowAsync(id)).Status);

        await PostStatusAsync(callback, Callback("SMlate0001", "delivered"));

        var row = await RowAsync(id);
        Assert.Equal((OutboxStatus.Delivered, "SMlate0001"), (row.Status, row.ProviderMessageId));
    }

    [Fact]
    public async Task ReceiveSmsStatus_MessageKeyNotSignedByUs_Returns403AndLeavesThePendingRow()
    {
        var id = await host.SubmitSampleAsync(phone);
        var callback = await SendWithoutRecordingTheSidAsync(id);
        var forged = callback[..(callback.IndexOf("?m=", StringComparison.Ordinal) + 3)]
            + new MessageCallbackTokens(Microsoft.Extensions.Options.Options.Create(new OncologyMassage.Workflow.Options.LinkOptions
            {
                SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            })).Create(id, FollowUp(id).IdempotencyKey);

        // Signed by "Twilio" (the auth token) over the forged URL: only our own MAC on the key tells it apart.
        using var response = await host.PostTwilioAsync(forged, Callback("SMforged01", "delivered"), Webhooks.AuthToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OutboxStatus.Pending, (await RowAsync(id)).Status);
    }
}
