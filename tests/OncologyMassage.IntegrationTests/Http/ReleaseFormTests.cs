using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>The oncologist's signed release link, end to end: email → form → decision → the waiting orchestration moves.</summary>
public sealed partial class ReleaseFormTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly TestHost host = shared.Host;

    private static Dictionary<string, string> Restrict() => new()
    {
        ["decision"] = "restrict",
        ["maxPressure"] = "2",
        ["sites[0].region"] = "arm",
        ["sites[0].side"] = "left",
        ["sites[0].pressure"] = "none",
        ["avoidPositions"] = "Prone",
        ["precautions"] = "ANTICOAGULANT",
        ["conditions"] = "No work near the port dressing",
        ["physicianName"] = "Dr. Rosa Demo",
        ["signature"] = "dr. rosa demo",
        ["attest"] = "yes",
    };

    [Fact]
    public async Task ReleaseLink_OpenedFromTheEmail_ShowsTheClientTheProposedPlanAndTheForm()
    {
        var (id, link) = await SubmitAndReadLinkAsync();

        using var page = await host.Http.GetAsync(link, TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("no-referrer", "no-store"), (page.Headers.GetValues("Referrer-Policy").Single(), page.Headers.CacheControl?.ToString()));
        Assert.Contains("<strong>Ada Sample</strong>", html, StringComparison.Ordinal);
        Assert.Contains("1968-04-12", html, StringComparison.Ordinal);
        Assert.Contains("Adaptation plan", html, StringComparison.Ordinal);
        Assert.Contains("name=\"decision\" value=\"restrict\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseForm_ApprovedWithRestrictions_StoresTheSignedReleaseAndMovesToIntakePending()
    {
        var (id, link) = await SubmitAndReadLinkAsync();

        using var response = await PostFormAsync(link, Restrict());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thank you", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await host.WaitForStageAsync(id, Stage.IntakePending);
        var release = Assert.Single(await host.RowsAsync(StorageTables.Releases, id));
        Assert.Equal((id, "ApprovedWithRestrictions", "om-tests"), (release.PartitionKey, release.GetString("Outcome"), release.GetString("SignerUserAgent")));
        using var decision = JsonDocument.Parse(release.GetString("Decision"));
        var limits = decision.RootElement.GetProperty("limits");
        Assert.Equal(2, limits.GetProperty("maxPressure").GetInt32());
        Assert.Equal("Arm", limits.GetProperty("sites")[0].GetProperty("site").GetProperty("region").GetString());
        Assert.Equal("Anticoagulant", decision.RootElement.GetProperty("restrictions")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task ReleaseLink_UsedTwice_IsRefusedAndChangesNothing()
    {
        var (id, link) = await SubmitAndReadLinkAsync();
        using var first = await PostFormAsync(link, Restrict());
        await host.WaitForStageAsync(id, Stage.IntakePending);

        var decline = new Dictionary<string, string>(Restrict()) { ["decision"] = "decline", ["reason"] = "Changed my mind" };
        using var second = await PostFormAsync(link, decline);
        using var reopened = await host.Http.GetAsync(link, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (second.StatusCode, reopened.StatusCode));
        Assert.Equal("ApprovedWithRestrictions", Assert.Single(await host.RowsAsync(StorageTables.Releases, id)).GetString("Outcome"));
        await host.BarrierAsync(id); // a second decision, had the refused post raised one, is in the history by now
        Assert.Single(await host.RaisedEventsAsync(id, WorkflowEvents.ReleaseDecided));
        Assert.Equal(Stage.IntakePending, (await host.WaitForStageAsync(id, Stage.IntakePending)).Stage);
    }

    [Fact]
    public async Task ReleaseForm_Declined_ClosesTheReferralAsDeclined()
    {
        var (id, link) = await SubmitAndReadLinkAsync();

        using var response = await PostFormAsync(link, new Dictionary<string, string>
        {
            ["decision"] = "decline", ["reason"] = "Platelets too low this cycle", ["physicianName"] = "Dr. Rosa Demo",
            ["signature"] = "Dr. Rosa Demo", ["attest"] = "yes",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await host.WaitForStageAsync(id, Stage.Declined);
        Assert.Equal("The oncologist declined the release", state.ClosedReason);
    }

    [Fact]
    public async Task ReleaseForm_Incomplete_Returns400WithTheErrorsAndRecordsNothing()
    {
        var (id, link) = await SubmitAndReadLinkAsync();
        var incomplete = new Dictionary<string, string> { ["decision"] = "decline", ["physicianName"] = "Dr. Rosa Demo", ["signature"] = "Someone else" };

        using var page = await PostFormAsync(link, incomplete);
        using var problem = await PostFormAsync(link, incomplete, acceptJson: true);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("role=\"alert\"", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (problem.StatusCode, problem.Content.Headers.ContentType?.MediaType));
        var errors = (await problem.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal(["attest", "reason", "signature"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Empty(await host.RowsAsync(StorageTables.Releases, id));
        Assert.Equal(Stage.MdReleaseRequested, (await host.WaitForStageAsync(id, Stage.MdReleaseRequested)).Stage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReleaseLink_Tampered_Returns404AndRecordsNothing(bool acceptJson)
    {
        var (id, link) = await SubmitAndReadLinkAsync();
        var tampered = link[..^3] + (link.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");

        using var response = await PostFormAsync(tampered, Restrict(), acceptJson);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(acceptJson ? "application/problem+json" : "text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await host.RowsAsync(StorageTables.Releases, id));
    }

    private async Task<(string Id, string Link)> SubmitAndReadLinkAsync()
    {
        using var posted = await host.PostReferralAsync(Samples.Referral());
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        var email = await Eventually.FoundAsync(async () => (await host.RowsAsync(StorageTables.Outbox)).FirstOrDefault(r => r.PartitionKey == id && r.GetString("Status") == "Sent"),
            "the release email");
        return (id, ReleaseLink().Match(email.GetString("Body")).Groups[1].Value);
    }

    private async Task<HttpResponseMessage> PostFormAsync(string link, Dictionary<string, string> fields, bool acceptJson = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.UserAgent.ParseAdd("om-tests");
        if (acceptJson)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }

        return await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"https://om\.example/(api/release/[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+)")]
    private static partial Regex ReleaseLink();
}
