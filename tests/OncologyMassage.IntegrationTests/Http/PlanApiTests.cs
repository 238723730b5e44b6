using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>GET /api/referrals/{id}/plan: the latest plan, for the practice that referred, as JSON or as a page.</summary>
public sealed class PlanApiTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly TestHost host = shared.Host;

    private async Task<string> ReferralWithPlansAsync()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);
        var plans = host.App.Services.GetRequiredService<IPlanStore>();
        var engine = new AdaptationEngine();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await plans.SaveAsync(new PlanRecord(id, 1, engine.Evaluate([new Finding(PrecautionCode.Port, new BodySite(BodyRegion.Chest, BodySide.Right))], today),
            DateTimeOffset.UtcNow, "release restrictions only"), TestContext.Current.CancellationToken);
        await plans.SaveAsync(new PlanRecord(id, 2, engine.Evaluate([new Finding(PrecautionCode.LowPlatelets, Value: 15_000)], today),
            DateTimeOffset.UtcNow, "release and intake"), TestContext.Current.CancellationToken);
        return id;
    }

    [Fact]
    public async Task GetReferralPlan_Json_ReturnsTheLatestVersionWithLinesHoldsAndBasis()
    {
        var id = await ReferralWithPlansAsync();

        var plan = await host.Http.GetFromJsonAsync<JsonElement>($"api/referrals/{id}/plan", TestContext.Current.CancellationToken);

        Assert.Equal((2, "release and intake", true), (plan.GetProperty("version").GetInt32(), plan.GetProperty("basis").GetString(), plan.GetProperty("needsMdInput").GetBoolean()));
        Assert.NotEmpty(plan.GetProperty("holds").EnumerateArray());
        var line = plan.GetProperty("lines")[0];
        Assert.All(new[] { "section", "text", "reason" }, p => Assert.False(string.IsNullOrEmpty(line.GetProperty(p).GetString())));
    }

    [Fact]
    public async Task GetReferralPlan_Browser_RendersThePlanAndWhatItWasComputedFrom()
    {
        var id = await ReferralWithPlansAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/referrals/{id}/plan");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("text/html", HttpStatusCode.OK), (response.Content.Headers.ContentType?.MediaType, response.StatusCode));
        Assert.Contains("Computed from: release and intake", html, StringComparison.Ordinal);
        Assert.Contains("Adaptation plan (oncology massage)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReferralPlan_NoPlanYet_Returns404Problem()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);

        using var response = await host.Http.GetAsync($"api/referrals/{id}/plan", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task GetReferralPlan_WithoutKey_Returns401()
    {
        var id = await ReferralWithPlansAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/referrals/{id}/plan");
        request.Headers.Add("X-Api-Key", "not-a-key");

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetReferralPlan_UnknownReferral_Returns404()
    {
        using var response = await host.Http.GetAsync($"api/referrals/ref-{new string('0', 32)}/plan", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
