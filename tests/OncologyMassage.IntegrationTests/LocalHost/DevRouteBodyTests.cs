using System.Net;
using OncologyMassage.IntegrationTests.Infrastructure;

namespace OncologyMassage.IntegrationTests.LocalHost;

/// <summary>The local host's own POST routes (development sign-in and the simulated phone) read bodies through the same bounded reader.</summary>
/// <remarks>The class shares one <see cref="SharedHost"/>; each test posts to a referral of its own.</remarks>
public sealed class DevRouteBodyTests(SharedHost shared) : IClassFixture<SharedHost>, IAsyncLifetime
{
    private readonly TestHost host = shared.Host;
    private HttpClient coordinator = null!;
    private string referralId = null!;

    public static TheoryData<string> DevPostRoutes { get; } = ["sign-in", "sign-out", "phone-reply"];

    public async ValueTask InitializeAsync()
    {
        referralId = await ClientLinks.SubmitReferralAsync(host);
        coordinator = await host.SignInAsync(CoordinatorHost.HarborCoordinator);
    }

    public ValueTask DisposeAsync()
    {
        coordinator.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(DevPostRoutes))]
    public async Task Post_ChunkedBodyOfSeveralMegabytes_Returns413Problem(string route)
    {
        var path = route switch
        {
            "sign-in" => "api/dev/sign-in",
            "sign-out" => "api/dev/sign-out",
            _ => $"api/dev/phone/{referralId}/reply",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ChunkedBody(ChunkedBody.SeveralMegabytes, "application/json") };
        request.Headers.Add("Origin", host.Http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await coordinator.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
