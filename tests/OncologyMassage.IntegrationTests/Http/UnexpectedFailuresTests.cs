using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using OncologyMassage.Functions.Http;
using OncologyMassage.IntegrationTests.Infrastructure;

namespace OncologyMassage.IntegrationTests.Http;

public sealed class UnexpectedFailuresTests
{
    private static async Task<(int Status, string ContentType, JsonElement Body, string RetryAfter)> RenderAsync(Exception exception)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/api/referrals";
        http.Response.Body = new MemoryStream();

        var result = UnexpectedFailures.ToProblem(http.Request, exception, NullLogger.Instance);
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        http.Response.Body.Position = 0;
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        return (http.Response.StatusCode, http.Response.ContentType!, body, http.Response.Headers.RetryAfter.ToString());
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(0)]
    public async Task ToProblem_StorageUnavailable_Returns503WithRetryAfter(int storageStatus)
    {
        var (status, contentType, body, retryAfter) = await RenderAsync(new RequestFailedException(storageStatus, "account key=secret-value"));

        Assert.Equal((503, "application/problem+json; charset=utf-8", "60"), (status, contentType, retryAfter));
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.DoesNotContain("secret-value", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToProblem_AnyOtherFailure_Returns500ProblemWithoutTheExceptionText()
    {
        var (status, _, body, _) = await RenderAsync(new InvalidOperationException("client Ada Sample has a port"));

        Assert.Equal(500, status);
        Assert.Equal("/api/referrals", body.GetProperty("instance").GetString());
        Assert.DoesNotContain("Ada", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToProblem_FailureOnASignedLinkRoute_LogsTheRouteTemplateNotTheToken()
    {
        var logs = new CapturedLogs();
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/api/intake/cmVmLTE.1767225600.secret-signature";

        UnexpectedFailures.ToProblem(http.Request, new InvalidOperationException("boom"), logs.CreateLogger("test"));

        var entry = Assert.Single(logs.Entries);
        Assert.Contains("api/intake/{token}", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-signature", logs.AllText(), StringComparison.Ordinal);
    }
}
