using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// POST /api/sms/inbound end to end, signed as Twilio signs it (the local host's per-run dev auth token). The tests share
/// one host and each texts from a number of its own (<see cref="TestPhone"/>), so one test's STOP, awaited reply or
/// inbox entry is never another's. Requests that must write nothing go to a quiet host that nothing else writes to.
/// </summary>
public sealed class SmsWebhookTests(SharedHost shared, QuietHost quiet) : IClassFixture<SharedHost>, IClassFixture<QuietHost>
{
    private const string Inbound = "/api/sms/inbound";
    private readonly TestHost host = shared.Host;
    private readonly TestHost refusing = quiet.Host;
    private readonly TestPhone phone = TestPhone.Unique();

    private string Token => host.App.Configuration["Twilio:AuthToken"]!;

    private string QuietToken => refusing.App.Configuration["Twilio:AuthToken"]!;

    private IOptOutStore OptOuts => host.App.Services.GetRequiredService<IOptOutStore>();

    private Task<HttpResponseMessage> TextAsync(string body, string sid, string? from = null) =>
        host.PostTwilioAsync(Inbound, Webhooks.InboundSms(body, sid, from ?? phone.E164), Token);

    private static async Task<string> TwimlAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private Task AwaitReplyAsync(string referralId) => host.App.Services.GetRequiredService<IPhoneIndex>().SetAwaitingAsync(
        new AwaitingReply(phone.E164, referralId, ReplyExpectation.Rating, 0, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

    [Fact]
    public async Task ReceiveSms_ForgedSignature_Returns403AndOptsNobodyOut()
    {
        var form = Webhooks.InboundSms("STOP", "SMforged", phone.E164);

        using var response = await host.PostTwilioAsync(Inbound, form, Token, signature: Webhooks.TwilioSignature(Webhooks.PublicBaseUrl + Inbound, form, "not-the-token"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(await OptOuts.IsOptedOutAsync(phone.E164, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReceiveSms_SignedForAnotherUrl_Returns403AndWritesNothing()
    {
        var form = Webhooks.InboundSms("STOP", "SMwrongurl");

        using var response = await refusing.PostTwilioAsync(Inbound, form, QuietToken, signature: Webhooks.TwilioSignature(refusing.Http.BaseAddress + "api/sms/inbound", form, QuietToken));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await refusing.TotalRowsAsync());
    }

    [Fact]
    public async Task ReceiveSms_Unsigned_Returns403AndWritesNothing()
    {
        using var response = await refusing.Http.PostAsync("api/sms/inbound", new FormUrlEncodedContent(Webhooks.InboundSms("STOP", "SMunsigned")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await refusing.TotalRowsAsync());
    }

    [Fact]
    public async Task ReceiveSms_Stop_OptsTheNumberOutAndNotesEveryReferralOfIt()
    {
        var first = await host.SubmitSampleAsync(phone);
        var second = await host.SubmitSampleAsync(phone);

        var twiml = await TwimlAsync(await TextAsync("Stop", "SMstop1"));

        Assert.Contains(SmsAutoReplies.OptedOut, twiml, StringComparison.Ordinal);
        Assert.True(await OptOuts.IsOptedOutAsync(phone.E164, TestContext.Current.CancellationToken));
        foreach (var id in new[] { first, second })
        {
            var note = Assert.Single(await host.ExternalTimelineAsync(id));
            Assert.Equal(("t|x-SMstop1", nameof(TimelineKind.Note)), (note.RowKey, note.GetString("Kind")));
            Assert.Contains("STOP", note.GetString("Detail"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReceiveSms_StartAfterStop_OptsTheNumberBackIn()
    {
        await TwimlAsync(await TextAsync("STOP", "SMstop2"));

        var twiml = await TwimlAsync(await TextAsync("start", "SMstart2"));

        Assert.Contains(SmsAutoReplies.OptedIn, twiml, StringComparison.Ordinal);
        Assert.False(await OptOuts.IsOptedOutAsync(phone.E164, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReceiveSms_Help_AnswersWhoWeAreHowToStopAndToCallTheOncologyTeam()
    {
        // On the quiet host: HELP must write nothing at all, and only there does "no rows anywhere" mean exactly that.
        var twiml = await TwimlAsync(await refusing.PostTwilioAsync(Inbound, Webhooks.InboundSms("HELP", "SMhelp", phone.E164), QuietToken));

        Assert.Contains("Reply STOP", twiml, StringComparison.Ordinal);
        Assert.Contains("call your oncology team", twiml, StringComparison.Ordinal);
        Assert.Equal(0, await refusing.TotalRowsAsync());
    }

    [Fact]
    public async Task ReceiveSms_TextBetweenQuestions_LandsOnTheTimelineOfBothOpenReferralsAndRaisesNothing()
    {
        var first = await host.SubmitSampleAsync(phone);
        var second = await host.SubmitSampleAsync(phone);

        var twiml = await TwimlAsync(await TextAsync("can I move my appointment to Friday please", "SMunexpected"));

        Assert.Contains(SmsAutoReplies.NotExpected, twiml, StringComparison.Ordinal);
        foreach (var id in new[] { first, second })
        {
            var entry = Assert.Single(await host.ExternalTimelineAsync(id));
            Assert.Equal(("t|x-SMunexpected", nameof(TimelineKind.Reply)), (entry.RowKey, entry.GetString("Kind")));
            Assert.Contains("Unexpected message", entry.GetString("Detail"), StringComparison.Ordinal);
            Assert.Contains("can I move my appointment to Friday please", entry.GetString("Detail"), StringComparison.Ordinal);
            Assert.Equal("can I move my appointment to Friday please", (await host.App.Services.GetRequiredService<IReplyStore>().GetAsync(id, "SMunexpected", TestContext.Current.CancellationToken))?.Text);
            Assert.Empty(await host.RaisedEventsAsync(id, WorkflowEvents.ClientReplied));
        }

        Assert.DoesNotContain(await host.RowsAsync(StorageTables.Inbox), r => r.GetString("FromPhone") == phone.E164);
    }

    [Fact]
    public async Task ReceiveSms_UnexpectedImmediateRedFlagDeliveredTwice_OpensOneEscalatingFlagPerReferral()
    {
        var first = await host.SubmitSampleAsync(phone);
        var second = await host.SubmitSampleAsync(phone);

        var twiml = await TwimlAsync(await TextAsync("I have chest pain and can't catch my breath", "SMflagged"));
        var retry = await TwimlAsync(await TextAsync("I have chest pain and can't catch my breath", "SMflagged"));

        Assert.Contains("triage line or emergency services now", twiml, StringComparison.Ordinal);
        Assert.Equal(twiml, retry);
        foreach (var id in new[] { first, second })
        {
            // The same escalating flag a flagged reply opens: one per referral however often the text is delivered, and its
            // escalation alerts the coordinator and (immediate) the oncologist's office at once, with nothing clinical.
            var flag = Assert.Single(await host.RowsAsync(StorageTables.RedFlags), r => r.GetString("ReferralId") == id);
            Assert.Equal(nameof(RedFlagLevel.Immediate), flag.GetString("Level"));
            await Webhooks.WaitUntilAsync(async () => (await AlertsAsync(id)).Length == 2, $"the coordinator and office alerts of {id}");
            var alerts = await AlertsAsync(id);
            Assert.Single(alerts, a => a.RowKey.EndsWith(":Coordinator:0", StringComparison.Ordinal));
            Assert.Single(alerts, a => a.RowKey.EndsWith(":OncologistOffice:0", StringComparison.Ordinal));
            Assert.All(alerts, e => Assert.DoesNotContain("chest", e.GetString("Subject") + e.GetString("Body"), StringComparison.OrdinalIgnoreCase));
            var referral = (await host.RowsAsync(StorageTables.Referrals)).Single(r => r.PartitionKey == id && r.RowKey == "referral");
            Assert.Contains(nameof(ReferralFlagKind.RedFlagImmediate), referral.GetString("Flags"), StringComparison.Ordinal);
            var timeline = (await host.ExternalTimelineAsync(id)).Select(t => t.RowKey).ToArray();
            Assert.Contains("t|x-SMflagged", timeline);
            Assert.Contains("t|x-SMflagged:red-flag", timeline);
            Assert.Empty(await host.RaisedEventsAsync(id, WorkflowEvents.ClientReplied));
        }
    }

    private async Task<Azure.Data.Tables.TableEntity[]> AlertsAsync(string referralId) =>
        (await host.RowsAsync(StorageTables.Outbox)).Where(r => r.PartitionKey == referralId && r.RowKey.StartsWith(referralId + ":flag:", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task ReceiveSms_UnknownNumberDeliveredTwice_GoesToTheInboxOnceScreened()
    {
        var stranger = phone.E164; // no referral has this number
        var inbox = host.App.Services.GetRequiredService<IInboxStore>();
        var openBefore = (await inbox.ListAsync(10, TestContext.Current.CancellationToken)).OpenCount;

        var twiml = await TwimlAsync(await TextAsync("I can't breathe properly", "SMstranger", stranger));
        await TwimlAsync(await TextAsync("I can't breathe properly", "SMstranger", stranger));

        Assert.Contains("triage line or emergency services now", twiml, StringComparison.Ordinal);
        var listing = await inbox.ListAsync(10, TestContext.Current.CancellationToken);
        var entry = Assert.Single(listing.Entries, e => e.Message.FromPhone == stranger);
        Assert.Equal(new InboxMessage("SMstranger", stranger, "I can't breathe properly", RedFlagLevel.Immediate, entry.Message.ReceivedAt), entry.Message);
        Assert.Equal(openBefore + 1, listing.OpenCount);
        Assert.DoesNotContain(await host.RowsAsync(StorageTables.Replies), r => r.RowKey == "SMstranger"); // no referral's reply
    }

    [Fact]
    public async Task ReceiveSms_AwaitedReplyDeliveredTwice_RaisesClientRepliedOnce()
    {
        var id = await host.SubmitSampleAsync(phone);
        await AwaitReplyAsync(id);

        var first = await TwimlAsync(await TextAsync("pain 3 anxiety 2", "SMdup"));
        var retry = await TwimlAsync(await TextAsync("pain 3 anxiety 2", "SMdup"));

        Assert.Equal(first, retry);
        Assert.Contains(SmsAutoReplies.Thanks, first, StringComparison.Ordinal);
        await Webhooks.WaitUntilAsync(async () => (await host.RaisedEventsAsync(id, WorkflowEvents.ClientReplied)).Count > 0, "ClientReplied in the history");
        await host.BarrierAsync(id); // a second event, had the retry raised one, is in the history by now
        var raised = Assert.Single(await host.RaisedEventsAsync(id, WorkflowEvents.ClientReplied));
        Assert.Contains("SMdup", raised.GetString("Input"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveSms_NumberAwaitsAFollowUp_StoresAndRaisesTheAnswerKeyedWithThatFollowUp()
    {
        var id = await host.SubmitSampleAsync(phone);
        await host.App.Services.GetRequiredService<IPhoneIndex>().SetAwaitingAsync(
            new AwaitingReply(phone.E164, id, ReplyExpectation.Rating, 0, DateTimeOffset.UtcNow) { FollowUpId = "sms24h-2" }, TestContext.Current.CancellationToken);

        await TwimlAsync(await TextAsync("pain 3", "SMkeyed"));

        await Webhooks.WaitUntilAsync(async () => (await host.RaisedEventsAsync(id, WorkflowEvents.FollowUpAnswered)).Count == 1, "FollowUpAnswered in the history");
        Assert.Contains("sms24h-2", Assert.Single(await host.RaisedEventsAsync(id, WorkflowEvents.FollowUpAnswered)).GetString("Input"), StringComparison.Ordinal);
        Assert.Empty(await host.RaisedEventsAsync(id, WorkflowEvents.ClientReplied));
        var stored = await host.App.Services.GetRequiredService<IReplyStore>().GetAsync(id, "SMkeyed", TestContext.Current.CancellationToken);
        Assert.Equal("sms24h-2", stored?.FollowUpId);
    }

    [Fact]
    public async Task ReceiveSms_ImmediateRedFlag_TellsTheClientToCallTheirTeamOrEmergencyServicesNow()
    {
        var id = await host.SubmitSampleAsync(phone);
        await AwaitReplyAsync(id);

        var twiml = await TwimlAsync(await TextAsync("I have chest pain and feel short of breath", "SMflag"));

        Assert.Contains("triage line or emergency services now", twiml, StringComparison.Ordinal);
        await Webhooks.WaitUntilAsync(async () => (await host.RaisedEventsAsync(id, WorkflowEvents.ClientReplied)).Count == 1, "ClientReplied in the history");
    }

    [Fact]
    public async Task ReceiveSms_SignedButWithoutSender_Returns400()
    {
        var form = Webhooks.InboundSms("7", "SMnofrom");
        form.Remove("From");

        using var response = await host.PostTwilioAsync(Inbound, form, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
