using System.Net;
using OncologyMassage.Functions.Http.Dashboard;
using OncologyMassage.IntegrationTests.Infrastructure;

namespace OncologyMassage.IntegrationTests.Http.Dashboard;

/// <summary>The dashboard's files over HTTP: under /api/dashboard/ (the Functions route, mapped by the local host) and at "/".</summary>
public sealed class DashboardFunctionsTests(SharedHost shared) : IClassFixture<SharedHost>, IAsyncLifetime
{
    private readonly TestHost host = shared.Host;
    private HttpClient anonymous = null!;

    public ValueTask InitializeAsync()
    {
        anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Http.BaseAddress };
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        anonymous.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("api/dashboard/", "text/html; charset=utf-8", "<main id=\"main\"")]
    [InlineData("api/dashboard/index.html", "text/html; charset=utf-8", "<main id=\"main\"")]
    [InlineData("api/dashboard/app.js", "text/javascript; charset=utf-8", "export const apiBase")]
    [InlineData("api/dashboard/app.css", "text/css; charset=utf-8", ":focus-visible")]
    public async Task GetDashboardFile_KnownFileWithoutCredentials_ServesItWithContentTypeAndCsp(string path, string contentType, string content)
    {
        using var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.Equal(DashboardFiles.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains(content, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDashboardFile_NoTrailingSlash_RedirectsToTheFolderSoRelativeLinksWork()
    {
        using var response = await anonymous.GetAsync("api/dashboard", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/dashboard/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("api/dashboard/..%2F..%2Fappsettings.json")]
    [InlineData("api/dashboard/..%2FOncologyMassage.LocalHost.dll")]
    [InlineData("api/dashboard/%2E%2E/host.json")]
    [InlineData("api/dashboard/missing.js")]
    [InlineData("api/dashboard/.hidden")]
    public async Task GetDashboardFile_TraversalOrUnknownPath_Returns404ProblemAndNoFile(string path)
    {
        using var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("routePrefix", body, StringComparison.Ordinal); // host.json's content
        Assert.DoesNotContain("MZ", body[..Math.Min(2, body.Length)], StringComparison.Ordinal); // an assembly's header
    }

    [Fact]
    public async Task Root_LocalHost_ServesTheDashboardPageWithItsHeaders()
    {
        using var response = await anonymous.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(DashboardFiles.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<script type=\"module\" src=\"app.js\">", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
