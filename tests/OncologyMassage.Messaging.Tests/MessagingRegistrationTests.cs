using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OncologyMassage.Infrastructure.DevOutbox;
using OncologyMassage.Infrastructure.Email;
using OncologyMassage.Infrastructure.Sms;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Messaging.Tests;

/// <summary>The provider switch: Messaging:EmailProvider and Messaging:SmsProvider, and start-up validation of the chosen vendor only.</summary>
public sealed class MessagingRegistrationTests
{
    [Fact]
    public void AddMessaging_NoSettings_UsesTheDevOutboxForBothChannels()
    {
        using var provider = MessagingHost.Build(new Dictionary<string, string?>());

        MessagingHost.ValidateOnStart(provider);

        Assert.IsType<DevOutboxSender>(provider.GetRequiredService<IEmailSender>());
        Assert.IsType<DevOutboxSender>(provider.GetRequiredService<ISmsSender>());
    }

    [Fact]
    public void AddMessaging_EmailProviderSendGrid_ResolvesTheSendGridSender()
    {
        using var provider = MessagingHost.Build(new Dictionary<string, string?>
        {
            ["Messaging:EmailProvider"] = "SendGrid",
            ["SendGrid:ApiKey"] = MessagingHost.ApiKey,
        });

        MessagingHost.ValidateOnStart(provider);

        Assert.IsType<SendGridEmailSender>(provider.GetRequiredService<IEmailSender>());
        Assert.IsType<DevOutboxSender>(provider.GetRequiredService<ISmsSender>());
    }

    [Fact]
    public void AddMessaging_SmsProviderTwilio_ResolvesTheTwilioSender()
    {
        var settings = MessagingHost.VendorSettings("http://localhost:1");
        settings.Remove("Messaging:EmailProvider");
        using var provider = MessagingHost.Build(settings);

        MessagingHost.ValidateOnStart(provider);

        Assert.IsType<TwilioSmsSender>(provider.GetRequiredService<ISmsSender>());
        Assert.IsType<DevOutboxSender>(provider.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public void AddMessaging_SendGridChosenWithoutApiKey_FailsOnStartNamingTheSetting()
    {
        using var provider = MessagingHost.Build(new Dictionary<string, string?> { ["Messaging:EmailProvider"] = "SendGrid" });

        var thrown = Assert.Throws<OptionsValidationException>(() => MessagingHost.ValidateOnStart(provider));

        Assert.Contains(nameof(SendGridOptions.ApiKey), thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMessaging_TwilioChosenWithoutSender_FailsOnStart()
    {
        using var provider = MessagingHost.Build(new Dictionary<string, string?>
        {
            ["Messaging:SmsProvider"] = "Twilio",
            ["Twilio:AccountSid"] = MessagingHost.AccountSid,
            ["Twilio:AuthToken"] = MessagingHost.AuthToken,
        });

        var thrown = Assert.Throws<OptionsValidationException>(() => MessagingHost.ValidateOnStart(provider));

        Assert.Contains("FromNumber", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMessaging_VendorNotChosen_DoesNotValidateItsMissingSettings()
    {
        using var provider = MessagingHost.Build(new Dictionary<string, string?> { ["Twilio:AccountSid"] = "not-a-sid" });

        var exception = Record.Exception(() => MessagingHost.ValidateOnStart(provider));

        Assert.Null(exception);
    }

    [Fact]
    public void AddMessaging_UnknownProviderName_FailsOnStart()
    {
        var thrown = Record.Exception(() =>
        {
            using var provider = MessagingHost.Build(new Dictionary<string, string?> { ["Messaging:SmsProvider"] = "Carrier-pigeon" });
            MessagingHost.ValidateOnStart(provider);
        });

        Assert.IsType<InvalidOperationException>(thrown);
    }
}
