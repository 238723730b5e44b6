using Azure.Data.Tables;
using Azure.Storage.Blobs;
using OncologyMassage.Infrastructure.Audit;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Configuration;
using OncologyMassage.Infrastructure.Messaging;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Workflow;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Caching;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Privacy;
using OncologyMassage.Workflow.Referrals;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Infrastructure;

/// <summary>The app's services, registered the same way by the Functions app and the local host.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddOncologyMassage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LinkOptions>().BindConfiguration(LinkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => CreateTableService(configuration));
        services.AddSingleton<StorageTables>();
        services.AddSingleton<IReferralStore, TableReferralStore>();
        services.AddSingleton(sp => new ReferralRowCache(sp.GetRequiredService<IOptions<CachingOptions>>().Value.ReferralsFor, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WrittenOnceRecords(sp.GetRequiredService<IOptions<CachingOptions>>().Value.ReferralsFor, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<IMessageOutbox, TableMessageOutbox>();
        services.AddSingleton<IReleaseStore, TableReleaseStore>();
        services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TablePracticeKeyStore>();
        services.AddSingleton<IPracticeKeyStore>(sp => new CachedPracticeKeyStore(sp.GetRequiredService<TablePracticeKeyStore>(),
            sp.GetRequiredService<IOptions<CachingOptions>>().Value.PracticeKeysFor, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPhoneIndex, TablePhoneIndex>();
        services.AddSingleton<IOptOutStore, TableOptOutStore>();
        services.AddSingleton<InboundSms>();
        services.AddSingleton<UnexpectedReplies>();
        services.AddSingleton<IInboxStore, TableInboxStore>();
        services.AddSingleton<IReplyStore, TableReplyStore>();
        services.AddSingleton<IPendingEventStore, TablePendingEventStore>();
        services.AddSingleton<StoredAnswers>();
        services.AddSingleton<AnswerRelay>();
        services.AddSingleton<FollowUpSurvey>();
        services.AddSingleton<PendingEventSweep>();
        services.AddOptions<PendingEventOptions>().BindConfiguration(PendingEventOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeliveryReports>();
        services.AddSingleton<IIntakeStore, TableIntakeStore>();
        services.AddSingleton<IPlanStore, TablePlanStore>();
        services.AddSingleton<IConsentStore, TableConsentStore>();
        services.AddSingleton<ISessionStore, TableSessionStore>();
        services.AddSingleton<SignedLinks>();
        services.AddSingleton(new AdaptationEngine());
        services.AddMessaging(configuration);
        services.AddSingleton<MessageDispatcher>();
        services.AddSingleton<OutboxReconciliation>();

        services.AddSingleton(new PhoneNumberNormalizer());
        services.AddSingleton<ReferralNormalizer>();
        services.AddSingleton<ReferralSubmissions>();
        services.TryAddSingleton<AfterAnswerWork>(); // the phone index and start after the answer (decision 0010); each host also runs it as a hosted service, after its engine, to drain on stop
        services.TryAddSingleton<IAfterAnswerWork>(sp => sp.GetRequiredService<AfterAnswerWork>());
        services.AddSingleton<OrphanReferralSweep>();
        services.AddOptions<OrphanReferralOptions>().BindConfiguration(OrphanReferralOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddWorkflowActivities();

        // Coordinators: identity, scope, pipeline read model, actions, audit (issue #7).
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName);
        services.AddSingleton<ICoordinatorStore, TableCoordinatorStore>();
        // The audit's chain heads and content keys this host wrote or read, each in a cache of its own (keys differ in kind).
        services.AddSingleton(sp => new AuditKeys(sp.GetRequiredService<StorageTables>(), NewRowCache(sp)));
        services.AddSingleton<IAuditLog>(sp => new TableAuditLog(sp.GetRequiredService<StorageTables>(), sp.GetRequiredService<AuditKeys>(), NewRowCache(sp)));
        services.AddSingleton(sp => new PipelineBoard(sp.GetRequiredService<StorageTables>()));
        services.AddSingleton<IPipelineStore, TablePipelineStore>();
        services.AddSingleton<IReferralFlags, TableReferralFlags>();
        services.AddSingleton<IRedFlagStore, TableRedFlagStore>();
        services.AddSingleton<RedFlags>();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PipelineService>();
        services.AddSingleton<ReferralActions>();
        services.AddSingleton<CoordinatorInbox>();
        // Venues and bookings (issue #4): venues as data, slots offered from availability minus bookings.
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TableVenueStore>();
        services.AddSingleton<IVenueStore>(sp => new CachedVenueStore(sp.GetRequiredService<TableVenueStore>(),
            sp.GetRequiredService<IOptions<CachingOptions>>().Value.VenuesFor, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IBookingStore, TableBookingStore>();
        services.AddSingleton<SlotOffers>();
        services.AddSingleton<SessionInvites>();

        // Data lifecycle (issue 14): erase, export, purge of finished instances, retention; docs/privacy.md.
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IReferralDataStore, TableReferralData>();
        services.AddSingleton<ReferralErasure>();
        services.AddSingleton<ReferralExport>();
        services.AddSingleton<FinishedInstancePurge>();
        services.AddSingleton<RetentionSweep>();
        services.AddSingleton(_ => CreateBlobService(configuration));
        services.AddSingleton<BlobAuditArchive>();
        return services;
    }

    /// <summary>A remembered-rows cache of its own, for <c>Caching:ReferralsFor</c>.</summary>
    private static ReferralRowCache NewRowCache(IServiceProvider services) =>
        new(services.GetRequiredService<IOptions<CachingOptions>>().Value.ReferralsFor, services.GetRequiredService<TimeProvider>());

    /// <summary>The same account's blob service (the audit archive), configured like <see cref="CreateTableService"/>.</summary>
    public static BlobServiceClient CreateBlobService(IConfiguration configuration) =>
        CreateStorageClient(configuration, "blob",
            cs => new BlobServiceClient(cs, StorageRetryOptions.From(configuration).ApplyTo(new BlobClientOptions())),
            (uri, credential) => new BlobServiceClient(uri, credential, StorageRetryOptions.From(configuration).ApplyTo(new BlobClientOptions())));

    /// <summary>
    /// One registration for every environment: a connection string in <c>AzureWebJobsStorage</c> (Azurite, local), or the
    /// identity-based form Azure uses (<c>AzureWebJobsStorage__accountName</c> or <c>__tableServiceUri</c>, with
    /// <c>__credential=managedidentity</c> and <c>__clientId</c> for a user-assigned identity).
    /// </summary>
    public static TableServiceClient CreateTableService(IConfiguration configuration) =>
        CreateStorageClient(configuration, "table",
            cs => new TableServiceClient(cs, StorageRetryOptions.From(configuration).ApplyTo(new TableClientOptions())),
            (uri, credential) => new TableServiceClient(uri, credential, StorageRetryOptions.From(configuration).ApplyTo(new TableClientOptions())));

    /// <summary>A client for one service (<paramref name="service"/>: "table", "blob") of the account <c>AzureWebJobsStorage</c> names.</summary>
    private static T CreateStorageClient<T>(IConfiguration configuration, string service, Func<string, T> fromConnectionString, Func<Uri, Azure.Core.TokenCredential, T> fromIdentity)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[AppSettings.HostStorage];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return fromConnectionString(connectionString);
        }

        var section = configuration.GetSection(AppSettings.HostStorage);
        var endpoint = section[service + "ServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.{service}.core.windows.net")
            : throw new InvalidOperationException(
                $"Storage is not configured: set {AppSettings.HostStorage} to a connection string, or {AppSettings.HostStorage}__accountName for managed identity.");
        var clientId = section["clientId"];
        var credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : (Azure.Core.TokenCredential)new DefaultAzureCredential();
        return fromIdentity(endpoint, credential);
    }
}
