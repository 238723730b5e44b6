using System.Net;
using Microsoft.Extensions.Logging;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>A signed-link token is a bearer credential: no log line, log scope or exception text of the host may carry one.</summary>
public sealed class TokenLoggingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly CapturedLogs logs = new();
    private TestHost host = null!;

    public async ValueTask InitializeAsync() =>
        host = await TestHost.StartAsync(azurite, "h" + Guid.NewGuid().ToString("N")[..12], overrides: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            ["Logging:LogLevel:OncologyMassage"] = "Information",
        }, configure: b => b.Logging.AddProvider(logs));

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task FailedLinkRequests_TamperedAndExpired_NoLogCarriesTheTokenAndTheRouteTemplateIsLogged()
    {
        var tampered = ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Intake, "ref-none"));
        var expired = ClientLinks.Link(host, LinkPurposes.Summary, "ref-none", TimeSpan.FromMinutes(-5));
        var release = ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Release, "ref-none"));

        using var first = await host.Http.GetAsync(tampered, TestContext.Current.CancellationToken);
        using var second = await host.Http.GetAsync(expired, TestContext.Current.CancellationToken);
        using var third = await ClientLinks.PostFormAsync(host, release, [new("decision", "release")]);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (first.StatusCode, second.StatusCode, third.StatusCode));
        var text = logs.AllText();
        foreach (var link in new[] { tampered, expired, release })
        {
            Assert.DoesNotContain(link.Split('/')[^1].Split('?')[0], text, StringComparison.Ordinal);
        }

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("api/intake/{token}", StringComparison.Ordinal));
    }
}
