using System.Text;
using System.Text.Json;
using OncologyMassage.Infrastructure.Email;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Messaging.Tests;

public sealed class SendGridEventsTests
{
    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void Read_BounceDeliveredAndOpen_ReturnsTheBounceAndTheDeliveryOnly()
    {
        var reports = SendGridEvents.Read(Body("""
            [{"event":"bounce","type":"blocked","status":"5.7.1","timestamp":1764061200,"sg_message_id":"abc123.filterdrecv-1.0","referral_id":"ref-1","idempotency_key":"ref-1:md-release:1"},
             {"event":"delivered","timestamp":1764061201,"sg_message_id":"def456.filterdrecv-2.0"},
             {"event":"open","timestamp":1764061202,"sg_message_id":"abc123.filterdrecv-1.0"}]
            """));

        Assert.Equal(2, reports.Count);
        Assert.Equal(("abc123", OutboxStatus.Bounced, true, "5.7.1", "bounce (blocked)", "ref-1", "ref-1:md-release:1"),
            (reports[0].ProviderMessageId, reports[0].Status, reports[0].Permanent, reports[0].ErrorCode, reports[0].ErrorText, reports[0].ReferralId, reports[0].IdempotencyKey));
        Assert.Equal(("def456", OutboxStatus.Delivered, false, DateTimeOffset.FromUnixTimeSeconds(1764061201)),
            (reports[1].ProviderMessageId, reports[1].Status, reports[1].Permanent, reports[1].At));
    }

    [Fact]
    public void Read_Dropped_ReturnsPermanentBounced()
    {
        var report = Assert.Single(SendGridEvents.Read(Body("""[{"event":"dropped","sg_message_id":"x1.f"}]""")));

        Assert.Equal((OutboxStatus.Bounced, true), (report.Status, report.Permanent));
    }

    [Fact]
    public void Read_Processed_ReturnsSentWithTheOutboxKey()
    {
        var report = Assert.Single(SendGridEvents.Read(Body("""[{"event":"processed","sg_message_id":"p1.f","referral_id":"ref-1","idempotency_key":"ref-1:consent:1"}]""")));

        Assert.Equal((OutboxStatus.Sent, false, "p1", "ref-1", "ref-1:consent:1"), (report.Status, report.Permanent, report.ProviderMessageId, report.ReferralId, report.IdempotencyKey));
    }

    [Theory]
    [InlineData("""{"event":"bounce"}""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""not json""")]
    public void Read_NotAnArrayOfEvents_Throws(string json) =>
        Assert.ThrowsAny<JsonException>(() => SendGridEvents.Read(Body(json)));
}
