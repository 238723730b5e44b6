using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using OncologyMassage.Functions.Http;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Functions.Middleware;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// Who may call each HTTP function is declared on the function and decided before it runs (issue 18, item 2): every
/// HTTP function declares a requirement, and the Functions worker's middleware refuses without running the function.
/// (The local host runs the same <see cref="CallerGate"/>; the access tests over HTTP, e.g. <see cref="CoordinatorAccessTests"/>,
/// prove it there.)
/// </summary>
public sealed class CallerGateTests
{
    private static readonly Assembly FunctionsAssembly = typeof(ReferralFunctions).Assembly;

    private readonly Mock<IPracticeKeyStore> keys = new(MockBehavior.Strict);
    private readonly Mock<ICoordinatorStore> coordinators = new(MockBehavior.Strict);
    private readonly Mock<IReferralStore> referrals = new(MockBehavior.Strict);
    private readonly Mock<IAuditLog> audit = new(MockBehavior.Strict);

    [Fact]
    public void FunctionsAssembly_EveryHttpFunction_DeclaresACallerRequirement()
    {
        var functions = FunctionRequirements.Of(FunctionsAssembly);

        Assert.NotEmpty(functions);
        Assert.Empty(functions.Where(f => f.Value is null).Select(f => f.Key));
    }

    [Fact]
    public void FunctionsAssembly_EveryHttpFunctionOnAReferralIdRoute_IsReferralScoped()
    {
        var onReferralIds = FunctionsAssembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && FunctionRequirements.IsHttp(m))
            .Where(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Any(t => t?.Route?.Contains("{id}", StringComparison.Ordinal) == true))
            .ToArray();

        Assert.NotEmpty(onReferralIds);
        Assert.All(onReferralIds, m => Assert.IsType<ReferralScopedAttribute>(m.GetCustomAttribute<CallerRequirementAttribute>()));
    }

    [Fact]
    public async Task Invoke_CoordinatorsOnlyFunctionWithoutCredentials_Writes401AndDoesNotRunTheFunction()
    {
        var (context, http) = Context(nameof(CoordinatorFunctions.GetPipeline));
        var ran = false;

        await new CallerGateMiddleware(Gate()).Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal(StatusCodes.Status401Unauthorized, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_CoordinatorsOnlyFunctionWithAPracticeKey_Writes403AndDoesNotRunTheFunction()
    {
        keys.Setup(k => k.FindAsync("pk-1", It.IsAny<CancellationToken>())).ReturnsAsync(new Practice("practice-1", "Practice One"));
        var (context, http) = Context(nameof(CoordinatorFunctions.GetOutcomes), r => r.Headers[PracticeKeys.Header] = "pk-1");
        var ran = false;

        await new CallerGateMiddleware(Gate()).Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal(StatusCodes.Status403Forbidden, http.Response.StatusCode);
    }

    [Fact]
    public async Task Invoke_ReferralScopedFunctionWithAMalformedId_Writes404WithoutReadingStorage()
    {
        keys.Setup(k => k.FindAsync("pk-1", It.IsAny<CancellationToken>())).ReturnsAsync(new Practice("practice-1", "Practice One"));
        var (context, http) = Context(nameof(ReferralFunctions.GetReferral), r => r.Headers[PracticeKeys.Header] = "pk-1", id: "not-an-id");
        var ran = false;

        await new CallerGateMiddleware(Gate()).Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal(StatusCodes.Status404NotFound, http.Response.StatusCode);
        referrals.VerifyNoOtherCalls(); // strict: a read would have thrown
    }

    [Fact]
    public async Task Invoke_PracticeKeyFunctionWithAValidKey_RunsTheFunctionWithThePracticeOnTheRequest()
    {
        keys.Setup(k => k.FindAsync("pk-1", It.IsAny<CancellationToken>())).ReturnsAsync(new Practice("practice-1", "Practice One"));
        var (context, http) = Context(nameof(ReferralFunctions.SubmitReferral), r => r.Headers[PracticeKeys.Header] = "pk-1");
        Practice? seen = null;

        await new CallerGateMiddleware(Gate()).Invoke(context, _ => { seen = http.Request.Practice(); return Task.CompletedTask; });

        Assert.Equal(new Practice("practice-1", "Practice One"), seen);
        Assert.IsType<PracticeCaller>(http.Request.Caller());
    }

    [Fact]
    public async Task Invoke_SignedLinkFunction_RunsTheFunctionWithNoCallerOnTheRequest()
    {
        var (context, http) = Context(nameof(ReleaseFormFunctions.ShowReleaseForm));
        var ran = false;

        await new CallerGateMiddleware(Gate()).Invoke(context, _ => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
        Assert.Throws<InvalidOperationException>(() => http.Request.Caller());
    }

    private CallerGate Gate()
    {
        var limiter = new FailedAuthenticationLimiter(Options.Create(new FailedAuthenticationOptions()), NullLogger<FailedAuthenticationLimiter>.Instance);
        var callers = new CallerAuthentication(
            keys.Object,
            coordinators.Object,
            new AppServicePrincipalTrust(Options.Create(new AuthOptions()), new ConfigurationBuilder().Build()),
            [],
            new CrossSiteRequestGuard(Options.Create(new LinkOptions())),
            limiter);
        return new CallerGate(new PracticeAuthentication(keys.Object, limiter), callers,
            new ReferralScope(callers, referrals.Object, audit.Object, TimeProvider.System));
    }

    /// <summary>A worker FunctionContext for an HTTP call of <paramref name="function"/> (the ASP.NET Core integration keeps the HttpContext in Items).</summary>
    private static (FunctionContext Context, HttpContext Http) Context(string function, Action<HttpRequest>? configure = null, string? id = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = "/api/" + function;
        http.Response.Body = new MemoryStream();
        configure?.Invoke(http.Request);

        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(function);
        var binding = new Mock<BindingContext>();
        binding.SetupGet(b => b.BindingData).Returns(id is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["id"] = id });
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.BindingContext).Returns(binding.Object);
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        context.SetupGet(c => c.CancellationToken).Returns(TestContext.Current.CancellationToken);
        return (context.Object, http);
    }
}
