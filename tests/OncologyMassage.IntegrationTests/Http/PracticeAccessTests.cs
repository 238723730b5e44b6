using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>Referring practices authenticate with X-Api-Key and see only their own referrals.</summary>
public sealed class PracticeAccessTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Practice Other = new("other-practice", "Other Oncology");
    private TestHost host = null!;
    private string otherKey = null!;

    public async ValueTask InitializeAsync()
    {
        host = await TestHost.StartAsync(azurite);
        otherKey = PracticeKeys.NewKey();
        await Keys.AddKeyAsync(Other, otherKey, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private IPracticeKeyStore Keys => host.App.Services.GetRequiredService<IPracticeKeyStore>();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? apiKey, string? body = null)
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

        using var client = new HttpClient { BaseAddress = host.Http.BaseAddress };
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("omk_not-a-key")]
    public async Task Post_WithoutAValidKey_Returns401AndWritesNothing(string? apiKey)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/referrals", apiKey, Samples.Referral());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty(await host.RowsAsync(StorageTables.Referrals));
        Assert.Empty(await host.InstancesAsync());
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
        var rows = await host.RowsAsync(StorageTables.Referrals);
        Assert.Equal(["demo-practice", "other-practice"], rows.Select(r => r.GetString("PracticeId")).Order());
    }

    [Fact]
    public async Task AddKey_ThirdKey_RevokesTheOldestAndKeepsTwoWorking()
    {
        var practice = new Practice("rotating", "Rotating Oncology");
        var keys = new[] { PracticeKeys.NewKey(), PracticeKeys.NewKey(), PracticeKeys.NewKey() };
        foreach (var key in keys)
        {
            await Keys.AddKeyAsync(practice, key, TestContext.Current.CancellationToken);
            await Task.Delay(20, TestContext.Current.CancellationToken); // distinct creation times
        }

        var found = new List<Practice?>();
        foreach (var key in keys)
        {
            found.Add(await Keys.FindAsync(key, TestContext.Current.CancellationToken));
        }

        Assert.Equal([null, practice, practice], found);
        Assert.Equal(2, (await Keys.ListAsync("rotating", TestContext.Current.CancellationToken)).Count);
        Assert.DoesNotContain(await host.RowsAsync(StorageTables.PracticeKeys), row => row.Any(p => keys.Contains(p.Value as string) || keys.Contains(row.RowKey)));
    }
}
