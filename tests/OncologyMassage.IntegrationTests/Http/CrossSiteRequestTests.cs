using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;
using static OncologyMassage.IntegrationTests.Infrastructure.CoordinatorHost;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// No cross-site actions on a coordinator's session (CrossSiteRequestGuard): a foreign page cannot make a signed-in
/// coordinator's browser cancel a referral, nor sign it in as someone else; the dashboard's own JSON requests still work.
/// </summary>
public sealed class CrossSiteRequestTests(SharedCoordinatorHost shared) : IClassFixture<SharedCoordinatorHost>
{
    private const string Foreign = "https://evil.example";

    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A browser's cookie jar after the dev sign-in, with no Origin of its own: each test sets the headers a page would make it send.</summary>
    private async Task<HttpClient> SessionAsync()
    {
        var client = await host.SignInAsync(HarborCoordinator);
        client.DefaultRequestHeaders.Remove("Origin");
        return client;
    }

    private static HttpRequestMessage Post(string path, string body, string contentType, string? origin, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    private async Task AssertUnchangedAsync(string id)
    {
        var record = await host.App.Services.GetRequiredService<IReferralStore>().GetAsync(id, Ct);
        Assert.Equal(Stage.MdReleaseRequested, record!.Stage);
        Assert.DoesNotContain(await host.App.Services.GetRequiredService<IReferralStore>().GetTimelineAsync(id, Ct), e => e.Kind == TimelineKind.CoordinatorAction);
        Assert.Empty(await host.RaisedEventsAsync(id, WorkflowEvents.CancelRequested));
        Assert.DoesNotContain(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(id, 100, Ct), e => e.Action == "CancelReferral");
    }

    [Fact]
    public async Task CancelReferral_FormShapedTextPlainFromForeignOriginWithValidSession_Returns403AndChangesNothing()
    {
        var id = await host.SubmitAsync();
        using var browser = await SessionAsync();

        using var response = await browser.SendAsync(Post($"api/referrals/{id}/cancel", "reason=Client+moved+away", "text/plain", Foreign, "cross-site"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task CancelReferral_JsonFromForeignOriginWithValidSession_Returns403AndChangesNothing()
    {
        var id = await host.SubmitAsync();
        using var browser = await SessionAsync();

        using var response = await browser.SendAsync(Post($"api/referrals/{id}/cancel", """{"reason":"x"}""", "application/json", Foreign), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task CancelReferral_CrossSiteFetchSiteWithOwnOrigin_Returns403()
    {
        var id = await host.SubmitAsync();
        using var browser = await SessionAsync();

        using var response = await browser.SendAsync(Post($"api/referrals/{id}/cancel", """{"reason":"x"}""", "application/json", host.Origin(), "same-site"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task CancelReferral_SessionCookieWithNeitherOriginNorFetchSite_Returns403AndChangesNothing()
    {
        var id = await host.SubmitAsync();
        using var browser = await SessionAsync();

        using var response = await browser.SendAsync(Post($"api/referrals/{id}/cancel", """{"reason":"x"}""", "application/json", origin: null), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task CancelReferral_SameOriginTextPlain_Returns415AndChangesNothing()
    {
        var id = await host.SubmitAsync();
        using var browser = await SessionAsync();

        using var response = await browser.SendAsync(Post($"api/referrals/{id}/cancel", """{"reason":"x"}""", "text/plain", host.Origin(), "same-origin"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task ResendRelease_SameOriginWithoutBodyType_Returns415()
    {
        var id = await host.SubmitAsync();
        using var browser = await SessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/referrals/{id}/release/resend");
        request.Headers.Add("Origin", host.Origin());

        using var response = await browser.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task CancelReferral_SameOriginJson_Returns202()
    {
        var id = await host.SubmitAsync();
        using var browser = await SessionAsync();

        using var response = await browser.SendAsync(Post($"api/referrals/{id}/cancel", """{"reason":"Client moved away"}""", "application/json", host.Origin(), "same-origin"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task CancelReferral_PracticeKeyWithoutOrigin_IsNotSubjectToTheSessionRule()
    {
        var id = await host.SubmitAsync();

        using var response = await host.Http.SendAsync(Post($"api/referrals/{id}/cancel", "reason=x", "text/plain", Foreign), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        Assert.Equal("https://oncologymassage.dev/problems/coordinators-only", problem.GetProperty("type").GetString()); // refused as a practice, not as cross-site
    }

    [Fact]
    public async Task DevSignIn_ForeignOrigin_Returns403AndSetsNoCookie()
    {
        using var browser = host.Anonymous();

        using var response = await browser.SendAsync(Post("api/dev/sign-in", """{"coordinatorId":"coord-harbor"}""", "application/json", Foreign, "cross-site"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task DevSignIn_FormPostWithoutOrigin_Returns415AndSetsNoCookie()
    {
        using var browser = host.Anonymous();

        using var response = await browser.SendAsync(Post("api/dev/sign-in", "coordinatorId=coord-harbor", "application/x-www-form-urlencoded", origin: null), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task DevSignOut_ForeignOrigin_Returns403AndKeepsTheSession()
    {
        using var browser = await SessionAsync();

        using var response = await browser.SendAsync(Post("api/dev/sign-out", "{}", "application/json", Foreign, "cross-site"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
