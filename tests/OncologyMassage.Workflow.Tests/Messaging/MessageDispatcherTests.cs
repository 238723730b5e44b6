using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Messaging;

public sealed class MessageDispatcherTests
{
    private static readonly OutgoingEmail Email = new("ref-1:md-release:1", "ref-1", "dr@example.org", "Subject", "Body");

    private readonly Mock<IMessageOutbox> outbox = new(MockBehavior.Strict);
    private static readonly OutgoingSms Sms = new("ref-1:follow-up:1", "ref-1", "+15551234567", "How was your session? Reply 0-10.");

    private readonly Mock<IEmailSender> sender = new(MockBehavior.Strict);
    private readonly Mock<ISmsSender> smsSender = new(MockBehavior.Strict);
    private readonly Mock<IOptOutStore> optOuts = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    private MessageDispatcher Dispatcher => new(outbox.Object, sender.Object, smsSender.Object, optOuts.Object, clock, NullLogger<MessageDispatcher>.Instance);

    private void Claim(bool owned, OutboxStatus existing = OutboxStatus.Pending) =>
        outbox.Setup(o => o.BeginAsync(It.IsAny<OutboxRow>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OutboxRow row, CancellationToken _) => new OutboxClaim(owned, owned ? row : row with { Status = existing }));

    [Fact]
    public async Task SendEmailAsync_NewKey_WritesIntentSendsThenCompletes()
    {
        var order = new List<string>();
        outbox.Setup(o => o.BeginAsync(It.IsAny<OutboxRow>(), It.IsAny<CancellationToken>()))
            .Callback((OutboxRow row, CancellationToken _) =>
            {
                order.Add("begin");
                Assert.Equal((OutboxStatus.Pending, MessageChannel.Email, "dr@example.org", clock.GetUtcNow()), (row.Status, row.Channel, row.To, row.CreatedAt));
            })
            .ReturnsAsync((OutboxRow row, CancellationToken _) => new OutboxClaim(true, row));
        sender.Setup(s => s.SendAsync(Email, It.IsAny<CancellationToken>())).Callback(() => order.Add("send")).ReturnsAsync("provider-42");
        outbox.Setup(o => o.CompleteAsync("ref-1", Email.IdempotencyKey, OutboxStatus.Sent, "provider-42", null, true, It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("complete")).Returns(Task.CompletedTask);

        var outcome = await Dispatcher.SendEmailAsync(Email, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Sent, outcome);
        Assert.Equal(["begin", "send", "complete"], order);
    }

    [Fact]
    public async Task SendEmailAsync_AlreadySent_SendsNothing()
    {
        Claim(owned: false, OutboxStatus.Sent);

        var outcome = await Dispatcher.SendEmailAsync(Email, CancellationToken.None);

        Assert.Equal(DispatchOutcome.AlreadySent, outcome);
        sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendEmailAsync_PendingFromACrashedAttempt_SendsNothingAndReportsUncertain()
    {
        Claim(owned: false, OutboxStatus.Pending);

        var outcome = await Dispatcher.SendEmailAsync(Email, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Uncertain, outcome);
        sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendEmailAsync_VendorFails_MarksFailedAndRethrowsForTheRetryPolicy()
    {
        Claim(owned: true);
        sender.Setup(s => s.SendAsync(Email, It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("503"));
        outbox.Setup(o => o.CompleteAsync("ref-1", Email.IdempotencyKey, OutboxStatus.Failed, null, nameof(HttpRequestException), false, It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        await Assert.ThrowsAsync<HttpRequestException>(() => Dispatcher.SendEmailAsync(Email, CancellationToken.None));

        outbox.VerifyAll();
    }

    [Fact]
    public async Task SendEmailAsync_VendorMayHaveTakenIt_LeavesTheRowPendingAndReportsUncertain()
    {
        Claim(owned: true);
        sender.Setup(s => s.SendAsync(Email, It.IsAny<CancellationToken>())).ThrowsAsync(new UncertainDeliveryException("SendGrid", "no answer"));

        var outcome = await Dispatcher.SendEmailAsync(Email, CancellationToken.None);

        // No Failed (the activity's retry would send it again) and no Sent: the strict outbox mock refuses any CompleteAsync.
        Assert.Equal(DispatchOutcome.Uncertain, outcome);
        sender.Verify(s => s.SendAsync(Email, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendSmsAsync_VendorMayHaveTakenIt_LeavesTheRowPendingAndReportsUncertain()
    {
        Claim(owned: true);
        smsSender.Setup(s => s.SendAsync(Sms, It.IsAny<CancellationToken>())).ThrowsAsync(new UncertainDeliveryException("Twilio", "no answer"));

        Assert.Equal(DispatchOutcome.Uncertain, await Dispatcher.SendSmsAsync(Sms, CancellationToken.None));
        smsSender.Verify(s => s.SendAsync(Sms, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendSmsAsync_NewKey_WritesSmsIntentSendsThenCompletes()
    {
        var order = new List<string>();
        outbox.Setup(o => o.BeginAsync(It.IsAny<OutboxRow>(), It.IsAny<CancellationToken>()))
            .Callback((OutboxRow row, CancellationToken _) =>
            {
                order.Add("begin");
                Assert.Equal((OutboxStatus.Pending, MessageChannel.Sms, "+15551234567", Sms.Body, clock.GetUtcNow()),
                    (row.Status, row.Channel, row.To, row.Body, row.CreatedAt));
            })
            .ReturnsAsync((OutboxRow row, CancellationToken _) => new OutboxClaim(true, row));
        smsSender.Setup(s => s.SendAsync(Sms, It.IsAny<CancellationToken>())).Callback(() => order.Add("send")).ReturnsAsync("SM123");
        outbox.Setup(o => o.CompleteAsync("ref-1", Sms.IdempotencyKey, OutboxStatus.Sent, "SM123", null, true, It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("complete")).Returns(Task.CompletedTask);

        var outcome = await Dispatcher.SendSmsAsync(Sms, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Sent, outcome);
        Assert.Equal(["begin", "send", "complete"], order);
        sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendSmsAsync_AlreadySent_SendsNothing()
    {
        Claim(owned: false, OutboxStatus.Sent);

        var outcome = await Dispatcher.SendSmsAsync(Sms, CancellationToken.None);

        Assert.Equal(DispatchOutcome.AlreadySent, outcome);
        smsSender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendSmsAsync_PendingFromACrashedAttempt_SendsNothingAndReportsUncertain()
    {
        Claim(owned: false, OutboxStatus.Pending);

        var outcome = await Dispatcher.SendSmsAsync(Sms, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Uncertain, outcome);
        smsSender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendSmsAsync_VendorRefusesForGood_MarksFailedWithThePermanentTypeAndRethrows()
    {
        Claim(owned: true);
        smsSender.Setup(s => s.SendAsync(Sms, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PermanentDeliveryException("Twilio", 400, "21211", "Twilio refused the message (400, code 21211)"));
        outbox.Setup(o => o.CompleteAsync("ref-1", Sms.IdempotencyKey, OutboxStatus.Failed, null, nameof(PermanentDeliveryException), false, It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        var thrown = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Dispatcher.SendSmsAsync(Sms, CancellationToken.None));

        Assert.Equal((400, "21211"), (thrown.StatusCode, thrown.ProviderErrorCode));
        outbox.VerifyAll();
    }

    [Fact]
    public async Task SendSmsAsync_Cancelled_LeavesTheRowPending()
    {
        Claim(owned: true);
        smsSender.Setup(s => s.SendAsync(Sms, It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());

        await Assert.ThrowsAsync<OperationCanceledException>(() => Dispatcher.SendSmsAsync(Sms, CancellationToken.None));

        outbox.Verify(o => o.CompleteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<OutboxStatus>(), It.IsAny<string?>(),
            It.IsAny<string?>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SendSmsAsync_NumberOptedOut_ReturnsOptedOutWithoutOutboxRowOrVendorCall()
    {
        optOuts.Setup(o => o.IsOptedOutAsync("+15551234567", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var outcome = await Dispatcher.SendSmsAsync(Sms, CancellationToken.None);

        Assert.Equal(DispatchOutcome.OptedOut, outcome);
        outbox.VerifyNoOtherCalls();
        smsSender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendEmailAsync_AddressOfAnOptedOutNumber_IsStillSent()
    {
        optOuts.Setup(o => o.IsOptedOutAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        Claim(owned: true);
        sender.Setup(s => s.SendAsync(Email, It.IsAny<CancellationToken>())).ReturnsAsync("provider-1");
        outbox.Setup(o => o.CompleteAsync("ref-1", Email.IdempotencyKey, OutboxStatus.Sent, "provider-1", null, true, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var outcome = await Dispatcher.SendEmailAsync(Email, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Sent, outcome);
    }

    [Fact]
    public async Task SendSmsAsync_SenderWhoseReportsCarryTheKey_CompletesWithoutIndexingTheProviderId()
    {
        smsSender.As<IOutboxKeyedReports>().Setup(k => k.ReportsCarryOutboxKey).Returns(true);
        Claim(owned: true);
        smsSender.Setup(s => s.SendAsync(Sms, It.IsAny<CancellationToken>())).ReturnsAsync("SM123");
        outbox.Setup(o => o.CompleteAsync("ref-1", Sms.IdempotencyKey, OutboxStatus.Sent, "SM123", null, false, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var outcome = await Dispatcher.SendSmsAsync(Sms, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Sent, outcome);
        outbox.Verify(o => o.CompleteAsync("ref-1", Sms.IdempotencyKey, OutboxStatus.Sent, "SM123", null, false, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendEmailAsync_SenderWhoseReportsMayLackTheKey_IndexesTheProviderId()
    {
        sender.As<IOutboxKeyedReports>().Setup(k => k.ReportsCarryOutboxKey).Returns(false);
        Claim(owned: true);
        sender.Setup(s => s.SendAsync(Email, It.IsAny<CancellationToken>())).ReturnsAsync("provider-1");
        outbox.Setup(o => o.CompleteAsync("ref-1", Email.IdempotencyKey, OutboxStatus.Sent, "provider-1", null, true, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var outcome = await Dispatcher.SendEmailAsync(Email, CancellationToken.None);

        Assert.Equal(DispatchOutcome.Sent, outcome);
        outbox.Verify(o => o.CompleteAsync("ref-1", Email.IdempotencyKey, OutboxStatus.Sent, "provider-1", null, true, It.IsAny<CancellationToken>()), Times.Once);
    }
}
