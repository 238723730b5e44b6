using System.Net;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Links;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// Response headers (no-store and nosniff on personal data, HSTS over https) and the signer IP kept as evidence: the
/// client's, read from X-Forwarded-For only when a trusted proxy sent it.
/// </summary>
public sealed class HeadersAndEvidenceTests(AzuriteFixture azurite, SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetReferral_PersonalDataAsJson_IsNeverCachedNorSniffed()
    {
        var id = await host.SubmitAsync();

        using var response = await host.Http.GetAsync($"api/referrals/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task GetReferral_Refused_ProblemIsNeverCachedNorSniffed()
    {
        using var anonymous = host.Anonymous();

        using var response = await anonymous.GetAsync("api/pipeline", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("api/no-such-route")]
    public async Task AnyResponse_ServedOverHttpsThroughAFrontEnd_SendsHsts(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await host.Http.SendAsync(request, Ct);

        Assert.Equal(SecurityHeadersValue, Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task AnyResponse_PlainHttp_SendsNoHsts()
    {
        using var response = await host.Http.GetAsync("/", Ct);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ReleaseForm_ForwardedForFromATrustedProxy_RecordsTheClientsAddress()
    {
        // A host of its own: trusted proxies are a setting, and this one lists addresses (the next test a range).
        await using var proxied = await TestHost.StartAsync(azurite, new Dictionary<string, string?> { ["Proxy:TrustedProxies"] = "127.0.0.1,::1" });

        // The left-most entry was written by the client (a spoof); the proxy appended the address it saw.
        var signerIp = await SignReleaseAsync(proxied, "198.51.100.66, 203.0.113.7");

        Assert.Equal("203.0.113.7", signerIp);
    }

    [Fact]
    public async Task ReleaseForm_ForwardedForWithPortFromATrustedProxy_RecordsTheAddressWithoutPort()
    {
        // A host of its own: trusted proxies given as a range, which one shared host with the addresses above would hide.
        await using var proxied = await TestHost.StartAsync(azurite, new Dictionary<string, string?> { ["Proxy:TrustedProxies"] = "127.0.0.0/8,::1" });

        Assert.Equal("203.0.113.7", await SignReleaseAsync(proxied, "203.0.113.7:51234"));
    }

    [Fact]
    public async Task ReleaseForm_SpoofedForwardedForFromAnUntrustedPeer_RecordsThePeer()
    {
        var signerIp = await SignReleaseAsync(host, "203.0.113.7");

        Assert.Equal("127.0.0.1", signerIp);
    }

    private const string SecurityHeadersValue = OncologyMassage.Functions.Http.SecurityHeaders.StrictTransportSecurity;

    private static async Task<string?> SignReleaseAsync(TestHost target, string forwardedFor)
    {
        var id = await target.SubmitAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, ClientLinks.Link(target, LinkPurposes.Release, id))
        {
            Content = new FormUrlEncodedContent(ReferralActors.Signature("approve")),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);

        using var response = await target.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(await target.RowsAsync(StorageTables.Releases), r => r.PartitionKey == id).GetString("SignerIp");
    }
}
