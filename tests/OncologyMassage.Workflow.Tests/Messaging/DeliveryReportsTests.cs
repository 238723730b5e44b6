using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Messaging;

public sealed class DeliveryReportsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly OutboxRow Row = new("ref-1", "ref-1:follow-up:1", MessageChannel.Sms, "+16175550143", "", "How do you feel?",
        OutboxStatus.Sent, At, "SM1", null);

    private readonly Mock<IMessageOutbox> outbox = new(MockBehavior.Strict);
    private readonly Mock<IReferralStore> referrals = new(MockBehavior.Strict);
    private readonly Mock<IReferralFlags> flags = new();

    private DeliveryReports Reports => new(outbox.Object, referrals.Object, flags.Object, NullLogger<DeliveryReports>.Instance);

    [Fact]
    public async Task ApplyAsync_Delivered_MovesTheRowWithoutATimelineEntry()
    {
        outbox.Setup(o => o.FindByProviderIdAsync("SM1", It.IsAny<CancellationToken>())).ReturnsAsync(Row);
        outbox.Setup(o => o.RecordDeliveryAsync("ref-1", Row.IdempotencyKey, OutboxStatus.Delivered, null, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var outcome = await Reports.ApplyAsync(new DeliveryReport(MessageChannel.Sms, "SM1", OutboxStatus.Delivered, null, null, false, At), CancellationToken.None);

        Assert.Equal(DeliveryReportOutcome.Updated, outcome);
        referrals.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ApplyAsync_PermanentFailure_PutsDeliveryFailedOnTheTimelineKeyedByTheMessage()
    {
        outbox.Setup(o => o.FindByProviderIdAsync("SM1", It.IsAny<CancellationToken>())).ReturnsAsync(Row);
        outbox.Setup(o => o.RecordDeliveryAsync("ref-1", Row.IdempotencyKey, OutboxStatus.Undelivered, "30003 unreachable handset", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        referrals.Setup(r => r.AppendExternalTimelineAsync("ref-1", "delivery-SM1", At, TimelineKind.DeliveryFailed,
            It.Is<string>(d => d.StartsWith("A text message could not be delivered (error 30003", StringComparison.Ordinal)), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await Reports.ApplyAsync(new DeliveryReport(MessageChannel.Sms, "SM1", OutboxStatus.Undelivered, "30003", "unreachable handset", true, At), CancellationToken.None);

        referrals.VerifyAll();
        flags.Verify(f => f.SetFlagAsync("ref-1", ReferralFlagKind.DeliveryFailed, It.IsAny<CancellationToken>()), Times.Once); // the pipeline shows it
    }

    [Fact]
    public async Task ApplyAsync_UnknownMessage_ChangesNothing()
    {
        outbox.Setup(o => o.FindByProviderIdAsync("SMx", It.IsAny<CancellationToken>())).ReturnsAsync((OutboxRow?)null);

        var outcome = await Reports.ApplyAsync(new DeliveryReport(MessageChannel.Sms, "SMx", OutboxStatus.Undelivered, "30003", null, true, At), CancellationToken.None);

        Assert.Equal(DeliveryReportOutcome.Unknown, outcome);
        referrals.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ApplyAsync_ReportCarryingTheKey_FindsTheRowByOnePointReadWithoutTheIndex()
    {
        // Strict mock: no FindByProviderIdAsync and no ListAsync set up, so using the index or listing the partition throws.
        var email = Row with { Channel = MessageChannel.Email, ProviderMessageId = "abc" };
        outbox.Setup(o => o.FindAsync("ref-1", Row.IdempotencyKey, It.IsAny<CancellationToken>())).ReturnsAsync(email);
        outbox.Setup(o => o.RecordDeliveryAsync("ref-1", Row.IdempotencyKey, OutboxStatus.Delivered, null, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var outcome = await Reports.ApplyAsync(new DeliveryReport(MessageChannel.Email, "abc", OutboxStatus.Delivered, null, null, false, At, "ref-1", Row.IdempotencyKey), CancellationToken.None);

        Assert.Equal(DeliveryReportOutcome.Updated, outcome);
    }

    [Fact]
    public async Task ApplyAsync_ReportCarryingTheKeyForAPendingRow_SettlesItWithoutWritingAnIndexRow()
    {
        var pending = Row with { Status = OutboxStatus.Pending, ProviderMessageId = null };
        outbox.Setup(o => o.FindAsync("ref-1", Row.IdempotencyKey, It.IsAny<CancellationToken>())).ReturnsAsync(pending);
        outbox.Setup(o => o.CompleteAsync("ref-1", Row.IdempotencyKey, OutboxStatus.Sent, "SMlate", null, false, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        outbox.Setup(o => o.RecordDeliveryAsync("ref-1", Row.IdempotencyKey, OutboxStatus.Delivered, null, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var outcome = await Reports.ApplyAsync(new DeliveryReport(MessageChannel.Sms, "SMlate", OutboxStatus.Delivered, null, null, false, At, "ref-1", Row.IdempotencyKey), CancellationToken.None);

        Assert.Equal(DeliveryReportOutcome.Updated, outcome);
        outbox.Verify(o => o.CompleteAsync("ref-1", Row.IdempotencyKey, OutboxStatus.Sent, "SMlate", null, false, It.IsAny<CancellationToken>()), Times.Once);
    }
}
