using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Workflow.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OncologyMassage.Messaging.Tests;

/// <summary>The real SendGrid SDK, through the app's DI and retry pipeline, against a WireMock.Net stub of v3 mail/send.</summary>
public sealed class SendGridEmailSenderTests : IDisposable
{
    private const string SendPath = "/v3/mail/send";
    private static readonly OutgoingEmail Email = new("ref-1:md-release:1", "ref-1", "dr.lee@oncology.example",
        "Release requested: Riverside Spa", "Please review the massage release: https://app.example/r/abc");

    private readonly WireMockServer stub = WireMockServer.Start();
    private readonly ServiceProvider provider;

    public SendGridEmailSenderTests() => provider = MessagingHost.Build(MessagingHost.VendorSettings(stub.Url!));

    private IEmailSender Sender => provider.GetRequiredService<IEmailSender>();

    private static IResponseBuilder Accepted(string messageId) => Response.Create().WithStatusCode(202).WithHeader("X-Message-Id", messageId);

    [Fact]
    public async Task SendAsync_Accepted_PostsTheJsonWithBearerAuthAndReturnsTheMessageId()
    {
        stub.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Accepted("msg-0001"));

        var id = await Sender.SendAsync(Email, TestContext.Current.CancellationToken);

        Assert.Equal("msg-0001", id);
        var request = Assert.Single(await stub.RequestsAsync(1)).RequestMessage;
        Assert.Equal("Bearer " + MessagingHost.ApiKey, Assert.Single(request.Headers!["Authorization"]));
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal(("referrals@clinic.example", "Clinic Referrals"), ((string?)body["from"]!["email"], (string?)body["from"]!["name"]));
        Assert.Equal(Email.To, (string?)body["personalizations"]![0]!["to"]![0]!["email"]);
        Assert.Equal(Email.Subject, (string?)body["subject"]);
        var content = Assert.Single(body["content"]!.AsArray());
        Assert.Equal(("text/plain", Email.TextBody), ((string?)content!["type"], (string?)content["value"]));
        Assert.Equal((Email.IdempotencyKey, Email.ReferralId), ((string?)body["custom_args"]!["idempotency_key"], (string?)body["custom_args"]!["referral_id"]));
        Assert.Equal((false, false), ((bool?)body["tracking_settings"]!["click_tracking"]!["enable"], (bool?)body["tracking_settings"]!["open_tracking"]!["enable"]));
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterThen202_SendsTwiceAndSucceeds()
    {
        stub.Given(Request.Create().WithPath(SendPath).UsingPost()).InScenario("throttled").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        stub.Given(Request.Create().WithPath(SendPath).UsingPost()).InScenario("throttled").WhenStateIs("open")
            .RespondWith(Accepted("msg-0002"));

        var id = await Sender.SendAsync(Email, TestContext.Current.CancellationToken);

        Assert.Equal("msg-0002", id);
        Assert.Equal(2, (await stub.RequestsAsync(2)).Count);
    }

    [Fact]
    public async Task SendAsync_500EveryTime_FailsAsTransientAfterTheRetries()
    {
        stub.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(500));

        var thrown = await Assert.ThrowsAsync<MessageDeliveryException>(() => Sender.SendAsync(Email, TestContext.Current.CancellationToken));

        Assert.IsNotType<PermanentDeliveryException>(thrown);
        Assert.Equal(("SendGrid", 500), (thrown.Provider, thrown.StatusCode));
        Assert.Equal(3, (await stub.RequestsAsync(3)).Count);
    }

    [Fact]
    public async Task SendAsync_400_SendsOnceAndFailsPermanently()
    {
        stub.Given(Request.Create().WithPath(SendPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from"}]}"""));

        var thrown = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Sender.SendAsync(Email, TestContext.Current.CancellationToken));

        Assert.Equal(400, thrown.StatusCode);
        Assert.Single(await stub.RequestsAsync(1));
    }

    [Fact]
    public async Task SendAsync_Unauthorized_FailsPermanentlyWithoutRetrying()
    {
        stub.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(401));

        var thrown = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Sender.SendAsync(Email, TestContext.Current.CancellationToken));

        Assert.Equal(401, thrown.StatusCode);
        Assert.Single(await stub.RequestsAsync(1));
        Assert.DoesNotContain(MessagingHost.ApiKey, thrown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AttemptTimesOut_ReportsUncertainWithoutResending()
    {
        await using var silent = new SilentServer();
        var settings = MessagingHost.VendorSettings(silent.Url);
        settings["Messaging:AttemptTimeout"] = "00:00:00.200";
        await using var impatient = MessagingHost.Build(settings);

        await Assert.ThrowsAsync<UncertainDeliveryException>(
            () => impatient.GetRequiredService<IEmailSender>().SendAsync(Email, TestContext.Current.CancellationToken));

        // A resend would be the pipeline's retry, inside the call that just threw: it would have been written (and counted)
        // before the call gave up, so the count is final here without waiting.
        Assert.Equal(1, silent.Requests);
    }

    [Fact]
    public async Task SendAsync_NothingListening_FailsAsNotSent()
    {
        var closed = WireMockServer.Start();
        var url = closed.Url!;
        closed.Stop();
        closed.Dispose();
        await using var unreachable = MessagingHost.Build(MessagingHost.VendorSettings(url));

        var thrown = await Assert.ThrowsAsync<MessageDeliveryException>(
            () => unreachable.GetRequiredService<IEmailSender>().SendAsync(Email, TestContext.Current.CancellationToken));

        Assert.Equal(("SendGrid", null), (thrown.Provider, thrown.StatusCode));
    }

    public void Dispose()
    {
        provider.Dispose();
        stub.Stop();
        stub.Dispose();
    }
}
