using Microsoft.ApplicationInsights.DataContracts;
using OncologyMassage.Functions.Telemetry;

namespace OncologyMassage.IntegrationTests.Telemetry;

/// <summary>The Functions app's telemetry initializer: signed-link tokens never reach Application Insights.</summary>
public sealed class TokenRedactingTelemetryInitializerTests
{
    private const string Token = "cmVmLTEyMzQ.1767225600.q1w2e3r4t5y6u7i8o9p0";

    public static TheoryData<string> TokenRoutes { get; } = ["release", "md-question", "intake", "consent", "survey", "summary"];

    [Theory]
    [MemberData(nameof(TokenRoutes))]
    public void Initialize_RequestToASignedLinkRoute_ReplacesTheTokenInUrlNameAndOperation(string route)
    {
        var request = new RequestTelemetry { Url = new Uri($"https://om.example/api/{route}/{Token}?utm=email"), Name = $"GET /api/{route}/{Token}" };
        request.Context.Operation.Name = $"GET /api/{route}/{Token}";
        request.Properties["RequestPath"] = $"/api/{route}/{Token}";

        new TokenRedactingTelemetryInitializer().Initialize(request);

        Assert.Equal($"https://om.example/api/{route}/{{token}}", request.Url.ToString());
        Assert.Equal($"GET /api/{route}/{{token}}", request.Name);
        Assert.Equal($"GET /api/{route}/{{token}}", request.Context.Operation.Name);
        Assert.Equal($"/api/{route}/{{token}}", request.Properties["RequestPath"]);
    }

    [Fact]
    public void Initialize_ConsentWithdrawal_ReplacesTheToken()
    {
        var request = new RequestTelemetry { Url = new Uri($"https://om.example/api/consent/{Token}/withdraw"), Name = "SubmitConsentWithdrawal" };

        new TokenRedactingTelemetryInitializer().Initialize(request);

        Assert.Equal("https://om.example/api/consent/{token}/withdraw", request.Url.ToString());
        Assert.Equal("SubmitConsentWithdrawal", request.Name);
    }

    [Fact]
    public void Initialize_RouteWithoutAToken_LeavesTheUrlAlone()
    {
        var request = new RequestTelemetry { Url = new Uri("https://om.example/api/referrals/ref-1/timeline"), Name = "GetReferralTimeline" };

        new TokenRedactingTelemetryInitializer().Initialize(request);

        Assert.Equal("https://om.example/api/referrals/ref-1/timeline", request.Url.ToString());
    }

    [Fact]
    public void Initialize_TraceWithALinkInAProperty_ReplacesTheToken()
    {
        var trace = new TraceTelemetry("request failed");
        trace.Properties["Url"] = $"https://om.example/api/summary/{Token}";

        new TokenRedactingTelemetryInitializer().Initialize(trace);

        Assert.DoesNotContain(Token, trace.Properties["Url"], StringComparison.Ordinal);
    }
}
