using OncologyMassage.Infrastructure.Sms;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Messaging.Tests;

public sealed class TwilioStatusCallbackTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> Form(string status, string? errorCode = null)
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM1", ["MessageStatus"] = status };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        return form;
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("sending")]
    [InlineData("accepted")]
    public void Read_InterimStatus_ReturnsNull(string status) => Assert.Null(TwilioStatusCallback.Read(Form(status), At));

    [Fact]
    public void Read_Delivered_ReturnsDeliveredNotPermanent()
    {
        var report = TwilioStatusCallback.Read(Form("delivered"), At)!;

        Assert.Equal(("SM1", OutboxStatus.Delivered, false), (report.ProviderMessageId, report.Status, report.Permanent));
    }

    [Theory]
    [InlineData("30003")]
    [InlineData("30005")]
    [InlineData("30006")]
    [InlineData("21211")]
    [InlineData("21610")]
    public void Read_UndeliveredWithAPermanentCode_ReturnsPermanentUndelivered(string code)
    {
        var report = TwilioStatusCallback.Read(Form("undelivered", code), At)!;

        Assert.Equal((OutboxStatus.Undelivered, true, code), (report.Status, report.Permanent, report.ErrorCode));
    }

    [Fact]
    public void Read_FailedWithATransientCode_ReturnsUndeliveredNotPermanent()
    {
        var report = TwilioStatusCallback.Read(Form("failed", "30001"), At)!;

        Assert.Equal((OutboxStatus.Undelivered, false), (report.Status, report.Permanent));
    }

    [Fact]
    public void Read_NoMessageSid_ReturnsNull() =>
        Assert.Null(TwilioStatusCallback.Read(new Dictionary<string, string> { ["MessageStatus"] = "delivered" }, At));
}
