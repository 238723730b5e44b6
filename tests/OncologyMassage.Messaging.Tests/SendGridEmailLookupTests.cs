using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure.Email;
using OncologyMassage.Workflow.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OncologyMassage.Messaging.Tests;

/// <summary>
/// The email lookup through the real SendGrid SDK (<c>RequestAsync</c>) and the app's retry pipeline, against a WireMock.Net
/// stub of the Email Activity API (<c>GET /v3/messages</c>): what it answers decides found, resend, wait or "cannot tell".
/// </summary>
public sealed class SendGridEmailLookupTests : IDisposable
{
    private const string ActivityPath = "/v3/messages";
    private const string To = "dr.lee@oncology.example";

    private readonly WireMockServer stub = WireMockServer.Start();
    private readonly ServiceProvider provider;

    public SendGridEmailLookupTests()
    {
        var settings = MessagingHost.VendorSettings(stub.Url!);
        settings["SendGrid:EmailActivityApi"] = "true";
        settings["SendGrid:EmailActivityIndexingDelay"] = "00:05:00";
        provider = MessagingHost.Build(settings);
    }

    private IEmailLookup Lookup => provider.GetRequiredService<IEmailLookup>();

    /// <summary>A Pending row whose last send attempt was <paramref name="attemptedAgo"/> ago.</summary>
    private static OutboxRow Row(TimeSpan attemptedAgo) =>
        new("ref-1", "ref-1:md-release:1", MessageChannel.Email, To, "Release requested", "Please review the release.", OutboxStatus.Pending,
            DateTimeOffset.UtcNow - attemptedAgo, null, null);

    private void ActivityAnswers(int status, object? body = null)
    {
        var response = Response.Create().WithStatusCode(status);
        stub.Given(Request.Create().WithPath(ActivityPath).UsingGet()).RespondWith(body is null ? response : response.WithBodyAsJson(body));
    }

    private static Dictionary<string, object> Listed(params (string MsgId, string ToEmail, string Status)[] messages) => new Dictionary<string, object>
    {
        ["messages"] = messages.Select(m => new Dictionary<string, object>
        {
            ["from_email"] = "referrals@clinic.example", ["msg_id"] = m.MsgId, ["subject"] = "Release requested", ["to_email"] = m.ToEmail,
            ["status"] = m.Status, ["opens_count"] = 0, ["clicks_count"] = 0, ["last_event_time"] = "2026-12-02T10:00:00Z",
        }).ToArray(),
    };

    [Fact]
    public async Task FindAsync_ActivityListsTheKeysMessage_FoundWithItsIdAndStatus()
    {
        ActivityAnswers(200, Listed(("sgmsg1.filter0001.1.0", To, "delivered")));

        var found = await Lookup.FindAsync(Row(TimeSpan.FromMinutes(20)), TestContext.Current.CancellationToken);

        Assert.Equal(new VendorLookup(VendorLookupResult.Found, "sgmsg1.filter0001.1.0", OutboxStatus.Delivered), found);
        var request = Assert.Single(await stub.RequestsAsync(1)).RequestMessage;
        Assert.Equal("Bearer " + MessagingHost.ApiKey, Assert.Single(request.Headers!["Authorization"]));
        Assert.Equal("10", Assert.Single(request.Query!["limit"]));
        var query = Assert.Single(request.Query!["query"]);
        Assert.StartsWith("unique_args['idempotency_key']=\"ref-1:md-release:1\" AND unique_args['referral_id']=\"ref-1\" AND last_event_time BETWEEN TIMESTAMP \"", query, StringComparison.Ordinal);
        Assert.DoesNotContain(To, request.AbsoluteUrl, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FindAsync_ActivityListsNothingAfterTheIndexingDelay_NotFound()
    {
        ActivityAnswers(200, Listed());

        var found = await Lookup.FindAsync(Row(TimeSpan.FromMinutes(20)), TestContext.Current.CancellationToken);

        Assert.Equal(VendorLookupResult.NotFound, found.Result);
    }

    [Fact]
    public async Task FindAsync_ActivityListsNothingWithinTheIndexingDelay_NotYet()
    {
        ActivityAnswers(200, Listed());

        var found = await Lookup.FindAsync(Row(TimeSpan.FromMinutes(2)), TestContext.Current.CancellationToken);

        Assert.Equal(VendorLookupResult.NotYet, found.Result);
    }

    [Fact]
    public async Task FindAsync_ActivityListsOnlyAnotherRecipient_NotFound()
    {
        ActivityAnswers(200, Listed(("sgmsg2.filter0001.1.0", "someone.else@example.com", "processed")));

        var found = await Lookup.FindAsync(Row(TimeSpan.FromMinutes(20)), TestContext.Current.CancellationToken);

        Assert.Equal(VendorLookupResult.NotFound, found.Result);
    }

    [Fact]
    public async Task FindAsync_Activity500EveryTime_ThrowsAfterTheRetriesInsteadOfNotFound()
    {
        ActivityAnswers(500);

        var thrown = await Assert.ThrowsAsync<SendGridActivityException>(() => Lookup.FindAsync(Row(TimeSpan.FromMinutes(20)), TestContext.Current.CancellationToken));

        Assert.Equal(500, thrown.Status);
        Assert.Equal(3, (await stub.RequestsAsync(3)).Count);
    }

    [Fact]
    public async Task FindAsync_ActivityAnswersAnUnreadableBody_ThrowsInsteadOfNotFound()
    {
        ActivityAnswers(200, new Dictionary<string, object> { ["result"] = Array.Empty<object>() });

        await Assert.ThrowsAsync<SendGridActivityException>(() => Lookup.FindAsync(Row(TimeSpan.FromMinutes(20)), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task FindAsync_ActivityNotAllowed_UnknownSoNothingIsResent(int status)
    {
        ActivityAnswers(status, new Dictionary<string, object> { ["errors"] = new[] { new Dictionary<string, string> { ["message"] = "access forbidden" } } });

        var found = await Lookup.FindAsync(Row(TimeSpan.FromMinutes(20)), TestContext.Current.CancellationToken);

        Assert.Equal(VendorLookupResult.Unknown, found.Result);
    }

    [Fact]
    public async Task FindAsync_ActivityApiOff_AsksNothingAndKeepsTheEventWindow()
    {
        var settings = MessagingHost.VendorSettings(stub.Url!);
        using var off = MessagingHost.Build(settings);

        var found = await off.GetRequiredService<IEmailLookup>().FindAsync(Row(TimeSpan.FromMinutes(20)), TestContext.Current.CancellationToken);

        Assert.Equal(VendorLookupResult.Unknown, found.Result); // no event webhook key: nothing can be confirmed
        Assert.Empty(stub.LogEntries);
    }

    public void Dispose()
    {
        provider.Dispose();
        stub.Stop();
        stub.Dispose();
    }
}
