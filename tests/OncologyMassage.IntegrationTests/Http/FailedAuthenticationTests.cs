using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;
using WireMock.Server;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// Failed authentication is limited per client address (here 3 failures per 10 minutes) and logged as a security event:
/// bad practice keys, tampered signed links, forged Twilio and SendGrid signatures. Each test connects from a loopback
/// address of its own, so the tests share one host and not one budget.
/// </summary>
public sealed class FailedAuthenticationTests(FailedAuthenticationTests.LimitedHost shared) : IClassFixture<FailedAuthenticationTests.LimitedHost>
{
    private const int Limit = 3;
    private readonly CapturedLogs logs = shared.Logs;
    private readonly TestHost host = shared.Host;

    /// <summary>The class's host: a low failure limit, vendors on a stub, and its log kept (each test looks for its own address in it).</summary>
    public sealed class LimitedHost(AzuriteFixture azurite) : IAsyncLifetime
    {
        private readonly WireMockServer stub = WireMockServer.Start();
        private TestHost? host;

        public CapturedLogs Logs { get; } = new();

        public TestHost Host => host ?? throw new InvalidOperationException("The shared host has not started.");

        public async ValueTask InitializeAsync()
        {
            Webhooks.AcceptEverything(stub);
            var settings = Webhooks.VendorSettings(stub.Url!);
            settings["Security:FailedAuthentication:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Security:FailedAuthentication:Window"] = "00:10:00";
            settings["Logging:LogLevel:OncologyMassage"] = "Information";
            host = await TestHost.StartAsync(azurite, "h" + Guid.NewGuid().ToString("N")[..12], overrides: settings, configure: b => b.Logging.AddProvider(Logs));
        }

        public async ValueTask DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            stub.Stop();
            stub.Dispose();
            Logs.Dispose();
        }
    }

    [Fact]
    public async Task SubmitReferral_OneBadKeyMoreThanTheLimit_Returns429ProblemWithRetryAfter()
    {
        using var client = host.From("127.0.0.11");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i <= Limit; i++)
        {
            using var response = await PostReferralAsync(client, "not-a-practice-key");
            statuses.Add(response.StatusCode);
            if (i == Limit)
            {
                await AssertTooManyAsync(response);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, Limit), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task GetReferral_AfterTheLimit_EvenTheRightKeyWaitsWhileOtherAddressesAreServed()
    {
        using var attacker = host.From("127.0.0.12");
        for (var i = 0; i < Limit; i++)
        {
            using var _ = await GetReferralAsync(attacker, "not-a-practice-key");
        }

        using var sameAddress = await GetReferralAsync(attacker, TestHost.DemoPracticeKey);
        using var otherAddress = await GetReferralAsync(host.From("127.0.0.13"), TestHost.DemoPracticeKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, sameAddress.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAddress.StatusCode); // authenticated; the referral simply does not exist
    }

    [Fact]
    public async Task GetReferral_ManyRequestsWithTheRightKey_AreNeverThrottled()
    {
        using var clinic = host.From("127.0.0.14");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < Limit * 4; i++)
        {
            using var response = await GetReferralAsync(clinic, TestHost.DemoPracticeKey);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
    }

    [Fact]
    public async Task ShowIntakeForm_TamperedTokensOverTheLimit_Returns429WithRetryAfter()
    {
        using var client = host.From("127.0.0.15");
        var link = ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Intake, "ref-none"));
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i <= Limit; i++)
        {
            using var response = await client.GetAsync(link, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (i == Limit)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names the wait");
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.NotFound, Limit), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ReceiveSms_ForgedSignaturesOverTheLimit_Returns429ProblemWithRetryAfter()
    {
        using var client = host.From("127.0.0.16");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i <= Limit; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/sms/inbound") { Content = new FormUrlEncodedContent(Webhooks.InboundSms("YES", "SM" + i)) };
            request.Headers.Add("X-Twilio-Signature", "Zm9yZ2VkLXNpZ25hdHVyZQ==");
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (i == Limit)
            {
                await AssertTooManyAsync(response);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Forbidden, Limit), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ReceiveEmailEvents_ForgedSignaturesOverTheLimit_Returns429ProblemWithRetryAfter()
    {
        using var client = host.From("127.0.0.17");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i <= Limit; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/email/events") { Content = new StringContent("[]", Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", "MEUCIQDforged");
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (i == Limit)
            {
                await AssertTooManyAsync(response);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Forbidden, Limit), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task SubmitReferral_BadKey_IsLoggedAsASecurityEventWithoutTheKey()
    {
        const string secret = "guessed-key-7f3a9c41";
        using var client = host.From("127.0.0.18");

        using var _ = await PostReferralAsync(client, secret);

        var events = logs.Entries.Where(e => e.EventId.Name == "SecurityAuthenticationFailed").ToArray();
        Assert.Contains(events, e => e.Level == LogLevel.Warning && e.Message.Contains("PracticeKey", StringComparison.Ordinal)
            && e.Message.Contains("api/referrals", StringComparison.Ordinal) && e.Message.Contains("127.0.0.18", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, logs.AllText(), StringComparison.Ordinal);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names the wait in seconds");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    private static async Task<HttpResponseMessage> PostReferralAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/referrals") { Content = new StringContent(Samples.Referral(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> GetReferralAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/referrals/ref-does-not-exist");
        request.Headers.Add("X-Api-Key", key);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
