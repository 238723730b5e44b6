using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using WireMock.Server;

namespace OncologyMassage.IntegrationTests.Messaging;

/// <summary>
/// The flow dies between the vendor's "accepted" and the outbox update; the activity is retried. With the real Twilio
/// SDK against a stub and the real outbox on Azurite, the retry sends nothing: at most once, reported as Uncertain.
/// </summary>
public sealed class MessageDispatcherCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WireMockServer stub = WireMockServer.Start();
    private ServiceProvider services = null!;

    /// <summary>The real outbox, except that its first completion dies like a killed host.</summary>
    private sealed class DiesOnceOnComplete(IMessageOutbox inner) : IMessageOutbox
    {
        private int completions;

        public Task<OutboxClaim> BeginAsync(OutboxRow row, CancellationToken cancellationToken) => inner.BeginAsync(row, cancellationToken);

        public Task CompleteAsync(string referralId, string idempotencyKey, OutboxStatus status, string? providerMessageId, string? failureReason, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref completions) == 1
                ? throw new IOException("host killed between the vendor call and the outbox update")
                : inner.CompleteAsync(referralId, idempotencyKey, status, providerMessageId, failureReason, cancellationToken);

        public Task<IReadOnlyList<OutboxRow>> ListAsync(string referralId, CancellationToken cancellationToken) => inner.ListAsync(referralId, cancellationToken);

        public Task<OutboxRow?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken) => inner.FindByProviderIdAsync(providerMessageId, cancellationToken);

        public Task<bool> RecordDeliveryAsync(string referralId, string idempotencyKey, OutboxStatus status, string? failureReason, CancellationToken cancellationToken) =>
            inner.RecordDeliveryAsync(referralId, idempotencyKey, status, failureReason, cancellationToken);
    }

    public ValueTask InitializeAsync()
    {
        Webhooks.AcceptEverything(stub);
        var settings = Webhooks.VendorSettings(stub.Url!);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["Storage:TablePrefix"] = "c" + Guid.NewGuid().ToString("N")[..12];
        settings["Links:SigningKey"] = TestHost.SigningKey;
        settings["Links:PublicBaseUrl"] = Webhooks.PublicBaseUrl;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        collection.AddOncologyMassage(configuration);
        collection.AddSingleton<TableMessageOutbox>();
        collection.AddSingleton<IMessageOutbox>(sp => new DiesOnceOnComplete(sp.GetRequiredService<TableMessageOutbox>()));
        services = collection.BuildServiceProvider();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        stub.Stop();
        stub.Dispose();
    }

    [Fact]
    public async Task SendSmsAsync_RetriedAfterDyingBetweenVendorAndOutbox_MakesOneVendorRequestAndReportsUncertain()
    {
        var dispatcher = services.GetRequiredService<MessageDispatcher>();
        var sms = new OutgoingSms("ref-crash:follow-up-24h:1", "ref-crash", Webhooks.ClientPhone, "Harbor Spa: how do you feel today? Reply 0-10.");

        await Assert.ThrowsAsync<IOException>(() => dispatcher.SendSmsAsync(sms, TestContext.Current.CancellationToken));
        var retried = await dispatcher.SendSmsAsync(sms, TestContext.Current.CancellationToken);

        Assert.Equal(DispatchOutcome.Uncertain, retried);
        await Task.Delay(500, TestContext.Current.CancellationToken); // the stub logs a request after answering it
        Assert.Equal(1, Webhooks.TwilioSends(stub));
        var row = Assert.Single(await services.GetRequiredService<IMessageOutbox>().ListAsync("ref-crash", TestContext.Current.CancellationToken));
        Assert.Equal(OutboxStatus.Pending, row.Status);
    }
}
