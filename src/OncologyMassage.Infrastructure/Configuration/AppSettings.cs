using OncologyMassage.Infrastructure.Email;
using OncologyMassage.Infrastructure.Messaging;
using OncologyMassage.Infrastructure.Sms;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Infrastructure.Configuration;

/// <summary>
/// The one list of app settings the code reads. The infra consistency test compares it with infra/ (both directions),
/// so a setting added here must be added to the Bicep templates too.
/// </summary>
public static class AppSettings
{
    /// <summary>Host storage: a connection string locally; identity-based (<c>__accountName</c>, <c>__credential</c>, <c>__clientId</c>) in Azure.</summary>
    public const string HostStorage = "AzureWebJobsStorage";

    /// <summary>The Durable Task hub name (host.json reads it as %DurableTaskHubName%).</summary>
    public const string TaskHubName = "DurableTaskHubName";

    /// <summary>Options classes bound from configuration, with their section names; each public property is a setting <c>Section__Property</c>.</summary>
    public static IReadOnlyList<(string Section, Type OptionsType)> OptionSections { get; } =
    [
        (WorkflowOptions.SectionName, typeof(WorkflowOptions)),
        (LinkOptions.SectionName, typeof(LinkOptions)),
        (EmailOptions.SectionName, typeof(EmailOptions)),
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (MessagingOptions.SectionName, typeof(MessagingOptions)),
        (TwilioOptions.SectionName, typeof(TwilioOptions)),
        (SendGridOptions.SectionName, typeof(SendGridOptions)),
        (AuthOptions.SectionName, typeof(AuthOptions)),
        (SchedulingOptions.SectionName, typeof(SchedulingOptions)),
        (ProxyOptions.SectionName, typeof(ProxyOptions)),
        (PendingEventOptions.SectionName, typeof(PendingEventOptions)),
        (OutboxOptions.SectionName, typeof(OutboxOptions)),
        (PrivacyOptions.SectionName, typeof(PrivacyOptions)),
        (EscalationOptions.SectionName, typeof(EscalationOptions)),
        (CachingOptions.SectionName, typeof(CachingOptions)),
        (OrphanReferralOptions.SectionName, typeof(OrphanReferralOptions)),
        (StorageRetryOptions.SectionName, typeof(StorageRetryOptions)),
    ];

    /// <summary>Settings that hold secrets: Key Vault references in Azure, never in code, logs or samples for Azure.</summary>
    public static IReadOnlyList<string> Secrets { get; } =
    [
        $"{LinkOptions.SectionName}__{nameof(LinkOptions.SigningKey)}",
        $"{LinkOptions.SectionName}__{nameof(LinkOptions.PreviousSigningKey)}",
        $"{TwilioOptions.SectionName}__{nameof(TwilioOptions.AccountSid)}",
        $"{TwilioOptions.SectionName}__{nameof(TwilioOptions.AuthToken)}",
        $"{SendGridOptions.SectionName}__{nameof(SendGridOptions.ApiKey)}",
        $"{SendGridOptions.SectionName}__{nameof(SendGridOptions.WebhookPublicKey)}",
    ];

    /// <summary>Every setting name as Azure app settings spell it (double underscore for nesting).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TaskHubName,
        .. OptionSections.SelectMany(s => s.OptionsType.GetProperties().Where(p => p.CanWrite).Select(p => $"{s.Section}__{p.Name}")),
    ];
}
