using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using OncologyMassage.Infrastructure.DevOutbox;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>
/// The outbox's requests per message on real Table Storage (issue #16 item 4), counted by table, method and kind (point
/// read or query): a send whose reports carry the outbox key writes its row twice and no provider-id index row; a report
/// with the key finds its row by one point read; a report without it (a message indexed by an earlier release) still
/// finds its row through the index.
/// </summary>
public sealed class TableMessageOutboxTests(AzuriteFixture azurite)
{
    private const string Phone = "+16175550143";
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly TableRequestCount requests = new();
    private readonly string prefix = "o" + Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendSmsAsync_SenderWhoseReportsCarryTheKey_WritesTheOutboxRowTwiceAndNoIndexRow()
    {
        var tables = Tables(counted: true);
        var dev = new DevOutboxSender(NullLogger<DevOutboxSender>.Instance);
        var dispatcher = new MessageDispatcher(new TableMessageOutbox(tables), dev, dev, new TableOptOutStore(Tables(counted: false)),
            TimeProvider.System, NullLogger<MessageDispatcher>.Instance);

        var outcome = await dispatcher.SendSmsAsync(new OutgoingSms("ref-send:follow-up-24h:1", "ref-send", Phone, "How do you feel today?"), Ct);

        Assert.Equal(DispatchOutcome.Sent, outcome);
        Assert.Equal((1, 1, 0), (requests.Of("POST", StorageTables.Outbox), requests.Of("PATCH", StorageTables.Outbox), requests.Of(StorageTables.OutboxProviderIds)));
    }

    [Fact]
    public async Task ApplyAsync_ReportWithTheKeyAndNoIndexRow_SettlesThePendingRowByPointReadsOnly()
    {
        var tables = Tables(counted: true);
        var outbox = new TableMessageOutbox(tables);
        await outbox.BeginAsync(Pending("ref-late", "ref-late:intake:1"), Ct);
        requests.Clear();

        var outcome = await Reports(outbox).ApplyAsync(new DeliveryReport(MessageChannel.Sms, "SMlate0001", OutboxStatus.Delivered, null, null, false, T0,
            "ref-late", "ref-late:intake:1"), Ct);

        Assert.Equal(DeliveryReportOutcome.Updated, outcome);
        Assert.Equal((0, 0), (requests.Of(StorageTables.OutboxProviderIds), requests.Queries(StorageTables.Outbox)));
        var row = await outbox.FindAsync("ref-late", "ref-late:intake:1", Ct);
        Assert.Equal((OutboxStatus.Delivered, "SMlate0001"), (row!.Status, row.ProviderMessageId));
    }

    [Fact]
    public async Task ApplyAsync_ReportWithoutTheKeyForARowIndexedEarlier_FindsItThroughTheIndex()
    {
        var outbox = new TableMessageOutbox(Tables(counted: false));
        await outbox.BeginAsync(Pending("ref-old", "ref-old:intake:1"), Ct);
        await outbox.CompleteAsync("ref-old", "ref-old:intake:1", OutboxStatus.Sent, "SMold0001", null, indexProviderId: true, Ct);

        var outcome = await Reports(outbox).ApplyAsync(new DeliveryReport(MessageChannel.Sms, "SMold0001", OutboxStatus.Delivered, null, null, false, T0), Ct);

        Assert.Equal(DeliveryReportOutcome.Updated, outcome);
        Assert.Equal(OutboxStatus.Delivered, (await outbox.FindAsync("ref-old", "ref-old:intake:1", Ct))!.Status);
    }

    private static OutboxRow Pending(string referralId, string key) =>
        new(referralId, key, MessageChannel.Sms, Phone, "", "How do you feel today?", OutboxStatus.Pending, T0, null, null);

    private static DeliveryReports Reports(IMessageOutbox outbox) =>
        new(outbox, new Mock<IReferralStore>(MockBehavior.Strict).Object, new Mock<IReferralFlags>(MockBehavior.Strict).Object, NullLogger<DeliveryReports>.Instance);

    private StorageTables Tables(bool counted) => TableRequestCount.Tables(azurite, prefix, counted ? requests : null);
}
