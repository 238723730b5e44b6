using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// The app's services without a host, for the outbox and reconciliation tests that drive the dispatcher and the
/// reconciliation directly: the real table adapters on Azurite (a table prefix of their own), the real Twilio and
/// SendGrid SDKs pointed at a WireMock stub that accepts everything, a SendGrid event webhook key (so a Pending email
/// is judged by the event window unless the Activity API is on), and a clock of the test's own.
/// </summary>
internal static class MessagingServices
{
    /// <summary>A P-256 public key for SendGrid's signed event webhook; its private half is never needed here.</summary>
    public static string EventWebhookKey { get; } = Convert.ToBase64String(
        System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo());

    /// <param name="settings">Settings over the defaults (e.g. <c>SendGrid:EmailActivityApi</c>).</param>
    /// <param name="services">Registrations over the app's own (e.g. an outbox that fails once).</param>
    public static ServiceProvider Build(AzuriteFixture azurite, WireMock.Server.WireMockServer stub, TimeProvider clock,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(stub);
        Webhooks.AcceptEverything(stub);
        var all = Webhooks.VendorSettings(stub.Url!, sendGridPublicKey: EventWebhookKey);
        all["AzureWebJobsStorage"] = azurite.ConnectionString;
        all["Storage:TablePrefix"] = "m" + Guid.NewGuid().ToString("N")[..12];
        all["Links:SigningKey"] = TestHost.SigningKey;
        all["Links:PublicBaseUrl"] = Webhooks.PublicBaseUrl;
        all["Messaging:TotalTimeout"] = "00:00:20";
        all["Outbox:ReconcileAfter"] = "00:00:30";
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        collection.AddOncologyMassage(configuration);
        collection.AddSingleton(clock);
        services?.Invoke(collection);
        return collection.BuildServiceProvider();
    }
}
