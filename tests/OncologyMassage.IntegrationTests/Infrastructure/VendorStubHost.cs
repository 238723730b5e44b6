using System.Security.Cryptography;
using WireMock.Server;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// One host with Twilio and SendGrid pointed at one WireMock stub that accepts everything (and SendGrid's event webhook
/// checked against <see cref="EmailEventKey"/>), shared by the tests of a
/// class (<c>IClassFixture&lt;VendorStubHost&gt;</c>). The stub's log holds every test's requests, so a test counts
/// only the requests to its own number (<see cref="Webhooks.TwilioSends(WireMockServer, string)"/>).
/// </summary>
public sealed class VendorStubHost(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestHost? host;

    public WireMockServer Stub { get; } = WireMockServer.Start();

    /// <summary>The key "SendGrid" signs its event webhook posts with (a test key, P-256).</summary>
    public ECDsa EmailEventKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestHost Host => host ?? throw new InvalidOperationException("The shared host has not started.");

    public async ValueTask InitializeAsync()
    {
        Webhooks.AcceptEverything(Stub);
        host = await TestHost.StartAsync(azurite, Webhooks.VendorSettings(Stub.Url!, Convert.ToBase64String(EmailEventKey.ExportSubjectPublicKeyInfo())));
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        Stub.Stop();
        Stub.Dispose();
        EmailEventKey.Dispose();
    }
}
