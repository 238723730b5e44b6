using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;
using WireMock.Server;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// POST /api/email/events: the release email goes out through the real SendGrid SDK to a WireMock stub, then SendGrid's
/// signed event webhook (ECDSA P-256, a test key) reports on it.
/// </summary>
public sealed class EmailEventWebhookTests(VendorStubHost shared) : IClassFixture<VendorStubHost>
{
    private readonly TestHost host = shared.Host; // each test reports on the release email of a referral it submitted
    private readonly ECDsa key = shared.EmailEventKey;

    private IMessageOutbox Outbox => host.App.Services.GetRequiredService<IMessageOutbox>();

    /// <summary>The referral's release email once SendGrid (the stub) accepted it.</summary>
    private async Task<OutboxRow> ReleaseEmailAsync(string id)
    {
        OutboxRow? row = null;
        await Webhooks.WaitUntilAsync(async () =>
        {
            row = (await Outbox.ListAsync(id, TestContext.Current.CancellationToken)).FirstOrDefault(r => r.Status == OutboxStatus.Sent);
            return row is not null;
        }, "the release email sent");
        return row!;
    }

    private static string Event(OutboxRow row, string kind, bool echoIds = true) =>
        $$"""
        [{"email":"{{row.To}}","timestamp":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"event":"{{kind}}","type":"{{kind}}","status":"5.1.1",
          "sg_event_id":"ev-{{Guid.NewGuid():N}}","sg_message_id":"{{row.ProviderMessageId}}.filterdrecv-1.2-3.0"
          {{(echoIds ? $",\"referral_id\":\"{row.ReferralId}\",\"idempotency_key\":\"{row.IdempotencyKey}\"" : "")}}},
         {"email":"{{row.To}}","timestamp":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"event":"open","sg_message_id":"{{row.ProviderMessageId}}.x"}]
        """;

    private async Task<OutboxRow> RowAsync(OutboxRow row) =>
        (await Outbox.ListAsync(row.ReferralId, TestContext.Current.CancellationToken)).Single(r => r.IdempotencyKey == row.IdempotencyKey);

    [Fact]
    public async Task ReceiveEmailEvents_Bounce_MarksTheRowBouncedAndPutsItOnTheTimeline()
    {
        var id = await host.SubmitSampleAsync();
        var email = await ReleaseEmailAsync(id);

        using var response = await host.PostSendGridAsync(key, Event(email, "bounce"), DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(OutboxStatus.Bounced, (await RowAsync(email)).Status);
        var entry = Assert.Single(await host.ExternalTimelineAsync(id));
        Assert.Equal(nameof(TimelineKind.DeliveryFailed), entry.GetString("Kind"));
        Assert.StartsWith("An email could not be delivered", entry.GetString("Detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveEmailEvents_Delivered_MarksTheRowDelivered()
    {
        var id = await host.SubmitSampleAsync();
        var email = await ReleaseEmailAsync(id);

        using var response = await host.PostSendGridAsync(key, Event(email, "delivered"), DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(OutboxStatus.Delivered, (await RowAsync(email)).Status);
        Assert.Empty(await host.ExternalTimelineAsync(id));
    }

    [Fact]
    public async Task ReceiveEmailEvents_SignedWithAnotherKey_Returns403AndChangesNothing()
    {
        var id = await host.SubmitSampleAsync();
        var email = await ReleaseEmailAsync(id);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var response = await host.PostSendGridAsync(other, Event(email, "bounce"), DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(email)).Status);
        Assert.Empty(await host.ExternalTimelineAsync(id));
    }

    [Fact]
    public async Task ReceiveEmailEvents_SignedLongAgo_Returns403AsAReplay()
    {
        var id = await host.SubmitSampleAsync();
        var email = await ReleaseEmailAsync(id);

        using var response = await host.PostSendGridAsync(key, Event(email, "bounce"), DateTimeOffset.UtcNow.AddMinutes(-20));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OutboxStatus.Sent, (await RowAsync(email)).Status);
    }

    [Fact]
    public async Task ReceiveEmailEvents_SignedButNotAnEventArray_Returns400()
    {
        using var response = await host.PostSendGridAsync(key, """{"event":"bounce"}""", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
