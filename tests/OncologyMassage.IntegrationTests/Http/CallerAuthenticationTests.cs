using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Moq;
using OncologyMassage.Functions.Http;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// <see cref="CallerAuthentication"/> on its own, with strict store mocks: what it reads, and what it never reads, for an
/// App Service principal (issue 13, item 1).
/// </summary>
public sealed class CallerAuthenticationTests
{
    private const string Oid = "0f1e2d3c-0000-4000-8000-0000000000bb";

    private readonly Mock<IPracticeKeyStore> keys = new(MockBehavior.Strict);
    private readonly Mock<ICoordinatorStore> coordinators = new(MockBehavior.Strict);

    private CallerAuthentication Authentication(bool trust, string? websiteAuthEnabled) => new(
        keys.Object,
        coordinators.Object,
        new AppServicePrincipalTrust(
            Options.Create(new AuthOptions { TrustAppServicePrincipal = trust }),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AppServicePrincipalTrust.PlatformSetting] = websiteAuthEnabled }).Build()),
        [],
        new CrossSiteRequestGuard(Options.Create(new LinkOptions())),
        new FailedAuthenticationLimiter(Options.Create(new FailedAuthenticationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<FailedAuthenticationLimiter>.Instance));

    private static HttpRequest WithPrincipal(string objectId, string email)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/api/me";
        context.Request.Headers[ClientPrincipal.Header] = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims = new[] { new { typ = "oid", val = objectId }, new { typ = "preferred_username", val = email } },
        })));
        return context.Request;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("False")]
    [InlineData("")]
    public async Task AuthenticateAsync_TrustAskedWithoutAppServiceAuthentication_Returns503AndReadsNothing(string? websiteAuthEnabled)
    {
        var (caller, refusal) = await Authentication(trust: true, websiteAuthEnabled).AuthenticateAsync(WithPrincipal(Oid, "hana.reyes@harbor.example"), TestContext.Current.CancellationToken);

        Assert.Null(caller);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refusal?.StatusCode);
        coordinators.VerifyNoOtherCalls();
        keys.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task AuthenticateAsync_TrustedPrincipal_LooksUpTheObjectIdOnly()
    {
        coordinators.Setup(c => c.FindByObjectIdAsync(Oid, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Coordinator("coord-harbor", "Hana", "hana.reyes@harbor.example", ["harbor-infusion-center"], Oid));

        var (caller, _) = await Authentication(trust: true, "True").AuthenticateAsync(WithPrincipal(Oid.ToUpperInvariant(), "someone@else.example"), TestContext.Current.CancellationToken);

        Assert.Equal("coord-harbor", caller?.Id);
        coordinators.Verify(c => c.FindByObjectIdAsync(Oid, It.IsAny<CancellationToken>()), Times.Once);
        coordinators.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task AuthenticateAsync_PrincipalNotTrusted_Returns401AndReadsNothing()
    {
        var (caller, refusal) = await Authentication(trust: false, "True").AuthenticateAsync(WithPrincipal(Oid, "hana.reyes@harbor.example"), TestContext.Current.CancellationToken);

        Assert.Equal((null, StatusCodes.Status401Unauthorized), (caller, refusal?.StatusCode));
        coordinators.VerifyNoOtherCalls();
    }
}
