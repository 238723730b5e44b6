using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Ports;

public sealed class OutboxStatusesTests
{
    [Theory]
    [InlineData(OutboxStatus.Pending, OutboxStatus.Sent, true)]
    [InlineData(OutboxStatus.Pending, OutboxStatus.Delivered, true)]
    [InlineData(OutboxStatus.Sent, OutboxStatus.Delivered, true)]
    [InlineData(OutboxStatus.Sent, OutboxStatus.Undelivered, true)]
    [InlineData(OutboxStatus.Sent, OutboxStatus.Bounced, true)]
    [InlineData(OutboxStatus.Delivered, OutboxStatus.Sent, false)]
    [InlineData(OutboxStatus.Undelivered, OutboxStatus.Sent, false)]
    [InlineData(OutboxStatus.Delivered, OutboxStatus.Delivered, false)]
    [InlineData(OutboxStatus.Delivered, OutboxStatus.Bounced, false)]
    [InlineData(OutboxStatus.Sent, OutboxStatus.Sent, false)]
    public void CanMove_StatusPair_OnlyMovesForward(OutboxStatus current, OutboxStatus next, bool expected) =>
        Assert.Equal(expected, OutboxStatuses.CanMove(current, next));
}
