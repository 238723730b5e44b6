using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OncologyMassage.Infrastructure.Messaging;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Messaging.Tests;

/// <summary>The messaging registrations exactly as the hosts make them, over in-memory settings.</summary>
internal static class MessagingHost
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "feedfacecafebeef0123456789abcdef";
    public const string FromNumber = "+15550001111";
    public const string ApiKey = "SG.test-api-key";

    /// <summary>Both vendors chosen and pointed at <paramref name="stubUrl"/>, with retry waits shrunk to milliseconds.</summary>
    public static Dictionary<string, string?> VendorSettings(string stubUrl) => new()
    {
        ["Messaging:EmailProvider"] = "SendGrid",
        ["Messaging:SmsProvider"] = "Twilio",
        ["Messaging:MaxRetryAttempts"] = "2",
        ["Messaging:RetryBaseDelay"] = "00:00:00.020",
        ["Messaging:AttemptTimeout"] = "00:00:05",
        ["Messaging:TotalTimeout"] = "00:00:20",
        ["Twilio:AccountSid"] = AccountSid,
        ["Twilio:AuthToken"] = AuthToken,
        ["Twilio:FromNumber"] = FromNumber,
        ["Twilio:BaseUrl"] = stubUrl,
        ["SendGrid:ApiKey"] = ApiKey,
        ["SendGrid:BaseUrl"] = stubUrl,
        ["Email:FromAddress"] = "referrals@clinic.example",
        ["Email:FromName"] = "Clinic Referrals",
        ["Links:SigningKey"] = SigningKey,
    };

    /// <summary>A test link-signing key (48 bytes, base64); it signs the outbox key in status callback URLs.</summary>
    public const string SigningKey = "dGVzdC1zaWduaW5nLWtleS1mb3ItbWVzc2FnaW5nLXRlc3RzLTAxMjM0NTY3ODk=";

    public static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName);
        services.AddOptions<LinkOptions>().BindConfiguration(LinkOptions.SectionName);
        services.AddMessaging(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Runs the start-up validation a host runs (ValidateOnStart).</summary>
    public static void ValidateOnStart(IServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();
}
