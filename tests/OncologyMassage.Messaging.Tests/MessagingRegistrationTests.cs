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

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/twilio-auth-token/)")]
    [InlineData("0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    public void AddMessaging_TwilioAuthTokenNotAnAuthToken_FailsOnStartNamingTheSetting(string authToken)
    {
        using var provider = MessagingHost.Build(new Dictionary<string, string?>(MessagingHost.VendorSettings("http://127.0.0.1:1")) { ["Twilio:AuthToken"] = authToken });

        var thrown = Assert.Throws<OptionsValidationException>(() => MessagingHost.ValidateOnStart(provider));

        Assert.Contains("AuthToken", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(authToken, thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/twilio-account-sid/)")]
    [InlineData("AC0123456789abcdef")]
    [InlineData("MG0123456789abcdef0123456789abcdef")]
    public void AddMessaging_TwilioAccountSidNotAnAccountSid_FailsOnStart(string accountSid)
    {
        using var provider = MessagingHost.Build(new Dictionary<string, string?>(MessagingHost.VendorSettings("http://127.0.0.1:1")) { ["Twilio:AccountSid"] = accountSid });

        var thrown = Assert.Throws<OptionsValidationException>(() => MessagingHost.ValidateOnStart(provider));

        Assert.Contains("AccountSid", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMessaging_SendGridApiKeyIsAnUnresolvedKeyVaultReference_FailsOnStartNamingTheSetting()
    {
        using var provider = MessagingHost.Build(new Dictionary<string, string?>(MessagingHost.VendorSettings("http://127.0.0.1:1"))
        {
            ["SendGrid:ApiKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/sendgrid-api-key/)",
        });

        var thrown = Assert.Throws<OptionsValidationException>(() => MessagingHost.ValidateOnStart(provider));

        Assert.Contains("ApiKey holds a Key Vault reference", thrown.Message, StringComparison.Ordinal);
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
