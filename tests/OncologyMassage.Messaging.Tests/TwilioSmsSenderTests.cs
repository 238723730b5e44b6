using System.Diagnostics;
using System.Text;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OncologyMassage.Messaging.Tests;

/// <summary>The real Twilio SDK, through the app's DI and retry pipeline, against a WireMock.Net stub of the Messages API.</summary>
public sealed class TwilioSmsSenderTests : IDisposable
{
    private const string MessagesPath = "/2010-04-01/Accounts/" + MessagingHost.AccountSid + "/Messages.json";
    private static readonly OutgoingSms Sms = new("ref-1:follow-up:1", "ref-1", "+15551234567", "Riverside Spa: how was your session? Reply 0-10.");

    private readonly WireMockServer stub = WireMockServer.Start();
    private readonly ServiceProvider provider;

    public TwilioSmsSenderTests() => provider = MessagingHost.Build(MessagingHost.VendorSettings(stub.Url!));

    private ISmsSender Sender => provider.GetRequiredService<ISmsSender>();

    private static string Accepted(string sid) =>
        $$"""{"sid":"{{sid}}","account_sid":"{{MessagingHost.AccountSid}}","status":"queued","to":"+15551234567","from":"{{MessagingHost.FromNumber}}"}""";

    private static string TwilioError(int status, int code) =>
        $$"""{"code":{{code}},"message":"The 'To' number is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""";

    [Fact]
    public async Task SendAsync_Accepted_PostsTheFormWithBasicAuthAndReturnsTheSid()
    {
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(Accepted("SM0001")));

        var sid = await Sender.SendAsync(Sms, TestContext.Current.CancellationToken);

        Assert.Equal("SM0001", sid);
        var request = Assert.Single(await stub.RequestsAsync(1)).RequestMessage;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MessagingHost.AccountSid}:{MessagingHost.AuthToken}"));
        Assert.Equal("Basic " + basic, Assert.Single(request.Headers!["Authorization"]));
        var form = HttpUtility.ParseQueryString(request.Body!);
        Assert.Equal((Sms.To, MessagingHost.FromNumber, Sms.Body), (form["To"], form["From"], form["Body"]));
        Assert.Null(form["MessagingServiceSid"]);
    }

    [Fact]
    public async Task SendAsync_Accepted_AsksForStatusCallbacksOnThePublicStatusUrl()
    {
        var settings = MessagingHost.VendorSettings(stub.Url!);
        settings["Links:PublicBaseUrl"] = "https://om.clinic.example";
        await using var withLinks = MessagingHost.Build(settings);
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody(Accepted("SM0009")));

        await withLinks.GetRequiredService<ISmsSender>().SendAsync(Sms, TestContext.Current.CancellationToken);

        var form = HttpUtility.ParseQueryString(Assert.Single(await stub.RequestsAsync(1)).RequestMessage.Body!);
        Assert.StartsWith("https://om.clinic.example/api/sms/status?m=", form["StatusCallback"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Accepted_StatusCallbackCarriesTheOutboxKeySigned()
    {
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody(Accepted("SM0010")));

        await Sender.SendAsync(Sms, TestContext.Current.CancellationToken);

        var form = HttpUtility.ParseQueryString(Assert.Single(await stub.RequestsAsync(1)).RequestMessage.Body!);
        var token = HttpUtility.ParseQueryString(new Uri(form["StatusCallback"]!).Query)["m"];
        Assert.Equal(new MessageKey(Sms.ReferralId, Sms.IdempotencyKey), provider.GetRequiredService<MessageCallbackTokens>().Check(token));
    }

    [Fact]
    public void ReportsCarryOutboxKey_OurStatusCallbackPathSet_IsTrue()
    {
        Assert.True(Assert.IsAssignableFrom<IOutboxKeyedReports>(Sender).ReportsCarryOutboxKey);
    }

    [Fact]
    public async Task ReportsCarryOutboxKey_NoStatusCallbackPathOfOurs_IsFalseSoTheSidIsIndexed()
    {
        // The Messaging Service's own callback is used then, and its URL has no key.
        var settings = MessagingHost.VendorSettings(stub.Url!);
        settings["Twilio:StatusCallbackPath"] = "";
        await using var withoutCallback = MessagingHost.Build(settings);

        Assert.False(Assert.IsAssignableFrom<IOutboxKeyedReports>(withoutCallback.GetRequiredService<ISmsSender>()).ReportsCarryOutboxKey);
    }

    [Fact]
    public async Task SendAsync_MessagingServiceConfigured_SendsTheServiceSidInsteadOfFrom()
    {
        var settings = MessagingHost.VendorSettings(stub.Url!);
        settings["Twilio:MessagingServiceSid"] = "MG0123456789abcdef0123456789abcdef";
        await using var withService = MessagingHost.Build(settings);
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody(Accepted("SM0002")));

        await withService.GetRequiredService<ISmsSender>().SendAsync(Sms, TestContext.Current.CancellationToken);

        var form = HttpUtility.ParseQueryString(Assert.Single(await stub.RequestsAsync(1)).RequestMessage.Body!);
        Assert.Equal(("MG0123456789abcdef0123456789abcdef", null), (form["MessagingServiceSid"], form["From"]));
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterThen201_SendsTwiceWaitingForRetryAfterAndSucceeds()
    {
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost()).InScenario("throttled").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBody(TwilioError(429, 20429)));
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost()).InScenario("throttled").WhenStateIs("open")
            .RespondWith(Response.Create().WithStatusCode(201).WithBody(Accepted("SM0003")));
        var clock = Stopwatch.StartNew();

        var sid = await Sender.SendAsync(Sms, TestContext.Current.CancellationToken);

        Assert.Equal("SM0003", sid);
        Assert.Equal(2, (await stub.RequestsAsync(2)).Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed}, before the 1 s Retry-After");
    }

    [Fact]
    public async Task SendAsync_503EveryTime_FailsAsTransientAfterTheRetries()
    {
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(503));

        var thrown = await Assert.ThrowsAsync<MessageDeliveryException>(() => Sender.SendAsync(Sms, TestContext.Current.CancellationToken));

        Assert.IsNotType<PermanentDeliveryException>(thrown);
        Assert.Equal(3, (await stub.RequestsAsync(3)).Count);
    }

    [Fact]
    public async Task SendAsync_400InvalidNumber_SendsOnceAndFailsPermanentlyWithTheTwilioCode()
    {
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody(TwilioError(400, 21211)));

        var thrown = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Sender.SendAsync(Sms, TestContext.Current.CancellationToken));

        Assert.Equal(("Twilio", 400, "21211"), (thrown.Provider, thrown.StatusCode, thrown.ProviderErrorCode));
        Assert.Single(await stub.RequestsAsync(1));
        Assert.DoesNotContain(Sms.To, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_429AskingToWaitLongerThanRetryMaxDelay_FailsTransientlyAfterOneRequest()
    {
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "120").WithBody(TwilioError(429, 20429)));
        var clock = Stopwatch.StartNew();

        var thrown = await Assert.ThrowsAsync<MessageDeliveryException>(() => Sender.SendAsync(Sms, TestContext.Current.CancellationToken));

        Assert.IsNotType<PermanentDeliveryException>(thrown);
        Assert.Single(await stub.RequestsAsync(1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"waited {clock.Elapsed}");
    }

    [Fact]
    public async Task SendAsync_AttemptTimesOut_ReportsUncertainWithoutResending()
    {
        await using var silent = new SilentServer();
        var settings = MessagingHost.VendorSettings(silent.Url);
        settings["Messaging:AttemptTimeout"] = "00:00:00.200";
        await using var impatient = MessagingHost.Build(settings);

        // The request went out and no answer came: Twilio may have taken it, so the dispatcher must not record it as failed
        // (the activity's retry would text the person again); it is left for the reconciliation to ask Twilio.
        await Assert.ThrowsAsync<UncertainDeliveryException>(
            () => impatient.GetRequiredService<ISmsSender>().SendAsync(Sms, TestContext.Current.CancellationToken));

        // A resend would be the pipeline's retry, inside the call that just threw: it would have been written (and counted)
        // before the call gave up, so the count is final here without waiting.
        Assert.Equal(1, silent.Requests);
    }

    [Fact]
    public async Task SendAsync_NothingListening_RetriesThenFailsTransiently()
    {
        var closed = WireMockServer.Start();
        var url = closed.Url!;
        closed.Stop();
        closed.Dispose();
        await using var unreachable = MessagingHost.Build(MessagingHost.VendorSettings(url));

        // Nothing could connect, so nothing was written: a plain failure, which the dispatcher records and the activity retries.
        var thrown = await Assert.ThrowsAsync<MessageDeliveryException>(
            () => unreachable.GetRequiredService<ISmsSender>().SendAsync(Sms, TestContext.Current.CancellationToken));

        Assert.Equal(("Twilio", null), (thrown.Provider, thrown.StatusCode));
    }

    public void Dispose()
    {
        provider.Dispose();
        stub.Stop();
        stub.Dispose();
    }
}
