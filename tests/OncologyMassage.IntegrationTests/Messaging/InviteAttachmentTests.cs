using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using WireMock.Server;

namespace OncologyMassage.IntegrationTests.Messaging;

/// <summary>
/// A booking confirmation's calendar invite through the real SendGrid SDK to a WireMock stub, and through the real outbox
/// on Azurite: it reaches v3 mail/send as a text/calendar attachment, and a resend after a crash carries it too.
/// </summary>
public sealed class InviteAttachmentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Invite = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:session-1.ref-ics@om.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    private static readonly EmailAttachment Attachment = new("session.ics", "text/calendar; method=REQUEST", Invite);
    private readonly WireMockServer stub = WireMockServer.Start();
    private readonly ShiftedClock clock = new();
    private ServiceProvider services = null!;

    public ValueTask InitializeAsync()
    {
        // With the event webhook's key set, a Pending email row is one SendGrid never took: the reconciliation may resend it.
        services = MessagingServices.Build(azurite, stub, clock);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        stub.Stop();
        stub.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The one attachment of the one mail/send request the stub received (it logs a request just after answering it).</summary>
    private async Task<JsonElement> SentAttachmentAsync()
    {
        await Eventually.UntilAsync(() => Task.FromResult(stub.LogEntries.Any(e => e.RequestMessage.Path == "/v3/mail/send")), "the mail/send request in the stub's log");

        var send = Assert.Single(stub.LogEntries, e => e.RequestMessage.Path == "/v3/mail/send");
        using var body = JsonDocument.Parse(send.RequestMessage.Body!);
        return Assert.Single(body.RootElement.GetProperty("attachments").EnumerateArray()).Clone();
    }

    [Fact]
    public async Task SendEmailAsync_WithAnInvite_ReachesSendGridAsATextCalendarAttachmentAndStaysInTheOutbox()
    {
        var email = new OutgoingEmail("ref-ics:booked:1", "ref-ics", "client@example.com", "Your session at Harbor", "Booked.") { Attachments = [Attachment] };

        var outcome = await services.GetRequiredService<MessageDispatcher>().SendEmailAsync(email, Ct);

        Assert.Equal(DispatchOutcome.Sent, outcome);
        var attachment = await SentAttachmentAsync();
        Assert.Equal(("session.ics", "text/calendar; method=REQUEST", "attachment"),
            (attachment.GetProperty("filename").GetString(), attachment.GetProperty("type").GetString(), attachment.GetProperty("disposition").GetString()));
        Assert.Equal(Invite, Encoding.UTF8.GetString(Convert.FromBase64String(attachment.GetProperty("content").GetString()!)));
        var row = Assert.Single(await services.GetRequiredService<IMessageOutbox>().ListAsync("ref-ics", Ct));
        Assert.Equal(Attachment, Assert.Single(row.Attachments));
    }

    [Fact]
    public async Task RunAsync_PendingEmailWithAnInvite_ResendsItWithTheInvite()
    {
        var outbox = services.GetRequiredService<IMessageOutbox>();
        await outbox.BeginAsync(new OutboxRow("ref-ics2", "ref-ics2:booked:1", MessageChannel.Email, "client@example.com", "Your session at Harbor", "Booked.",
            OutboxStatus.Pending, DateTimeOffset.UtcNow.AddHours(-1), null, null) { Attachments = [Attachment] }, Ct);

        var reconciliation = services.GetRequiredService<OutboxReconciliation>();
        clock.Offset = TimeSpan.FromMinutes(1); // the host has been listening for SendGrid's events for longer than the window
        await reconciliation.RunAsync(Ct);

        Assert.Equal(Invite, Encoding.UTF8.GetString(Convert.FromBase64String((await SentAttachmentAsync()).GetProperty("content").GetString()!)));
    }
}
