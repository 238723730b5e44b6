using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// Referring practices authenticate with X-Api-Key and see only their own referrals. The tests share one host; each
/// test gets a practice of its own (a new id and key), so a key rotation or a practice's referrals never meet another
/// test's. Requests that must be refused and write nothing go to a quiet host that nothing else writes to.
/// </summary>
public sealed class PracticeAccessTests(SharedHost shared, QuietHost quiet) : IClassFixture<SharedHost>, IClassFixture<QuietHost>, IAsyncLifetime
{
    private readonly TestHost host = shared.Host;
    private readonly Practice other = new("other-" + Guid.NewGuid().ToString("N")[..8], "Other Oncology");
    private string otherKey = null!;

    public async ValueTask InitializeAsync()
    {
        otherKey = PracticeKeys.NewKey();
        await Keys.AddKeyAsync(other, otherKey, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IPracticeKeyStore Keys => host.App.Services.GetRequiredService<IPracticeKeyStore>();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? apiKey, string? body = null) => SendAsync(host, method, path, apiKey, body);

    private static async Task<HttpResponseMessage> SendAsync(TestHost target, HttpMethod method, string path, string? apiKey, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Remove("X-Api-Key");
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var client = new HttpClient { BaseAddress = target.Http.BaseAddress };
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("omk_not-a-key")]
    public async Task Post_WithoutAValidKey_Returns401AndWritesNothing(string? apiKey)
    {
        using var response = await SendAsync(quiet.Host, HttpMethod.Post, "api/referrals", apiKey, Samples.Referral());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty(await quiet.Host.RowsAsync(StorageTables.Referrals));
        Assert.Empty(await quiet.Host.InstancesAsync());
    }

    [Fact]
    public async Task Get_WithoutAKey_Returns401WithoutReadingTheReferral()
    {
        using var posted = await host.PostReferralAsync(Samples.Referral());

        using var response = await SendAsync(HttpMethod.Get, posted.Headers.Location!.OriginalString.TrimStart('/'), apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("harbor", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/timeline")]
    public async Task Get_AnotherPracticesReferral_Returns404AndNoData(string suffix)
    {
        using var posted = await host.PostReferralAsync(Samples.Referral());
        var path = posted.Headers.Location!.OriginalString.TrimStart('/') + suffix;

        using var foreign = await SendAsync(HttpMethod.Get, path, otherKey);
        using var own = await SendAsync(HttpMethod.Get, path, TestHost.DemoPracticeKey);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (foreign.StatusCode, own.StatusCode));
        var body = await foreign.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("harbor-infusion-center", body, StringComparison.Ordinal);
        Assert.DoesNotContain("stage", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyFromTwoPractices_CreatesTwoReferrals()
    {
        var key = Guid.NewGuid().ToString();
        using var mine = await host.PostReferralAsync(Samples.Referral(), key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/referrals") { Content = new StringContent(Samples.Referral(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add("X-Api-Key", otherKey);
        using var client = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var theirs = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (mine.StatusCode, theirs.StatusCode));
        Assert.NotEqual(mine.Headers.Location, theirs.Headers.Location);
        var ids = new[] { mine, theirs }.Select(r => r.Headers.Location!.OriginalString.Split('/')[^1]).ToArray();
        var rows = (await host.ReferralRowsAsync()).Where(r => ids.Contains(r.PartitionKey));
        Assert.Equal(["demo-practice", other.Id], rows.Select(r => r.GetString("PracticeId")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddKey_ThirdKey_RevokesTheOldestAndKeepsTwoWorking()
    {
        var practice = new Practice("rotating-" + Guid.NewGuid().ToString("N")[..8], "Rotating Oncology");
        var keys = new[] { PracticeKeys.NewKey(), PracticeKeys.NewKey(), PracticeKeys.NewKey() };
        // The store stamps each key with its clock: a clock moved a second on per key gives distinct creation times without sleeping.
        var clock = new ShiftedClock();
        var adding = new TablePracticeKeyStore(host.App.Services.GetRequiredService<StorageTables>(), clock);
        foreach (var key in keys)
        {
            await adding.AddKeyAsync(practice, key, TestContext.Current.CancellationToken);
            clock.Offset += TimeSpan.FromSeconds(1);
        }

        var found = new List<Practice?>();
        foreach (var key in keys)
        {
            found.Add(await Keys.FindAsync(key, TestContext.Current.CancellationToken));
        }

        Assert.Equal([null, practice, practice], found);
        Assert.Equal(2, (await Keys.ListAsync(practice.Id, TestContext.Current.CancellationToken)).Count);
        Assert.DoesNotContain(await host.RowsAsync(StorageTables.PracticeKeys), row => row.Any(p => keys.Contains(p.Value as string) || keys.Contains(row.RowKey)));
    }
}
