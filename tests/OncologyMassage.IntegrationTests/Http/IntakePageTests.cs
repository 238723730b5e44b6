using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>The client's intake link: the form, one stored intake per referral, and every refusal storing nothing.</summary>
public sealed class IntakePageTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly TestHost host = shared.Host;

    private static Dictionary<string, string> Answers() => new()
    {
        ["cancerType"] = "Breast cancer",
        ["treatments.chemotherapy.taken"] = "yes",
        ["treatments.chemotherapy.start"] = "2026-07-01",
        ["surgeries[0].procedure"] = "Lumpectomy",
        ["surgeries[0].date"] = "2026-06-02",
        ["surgeries[0].region"] = "chest",
        ["surgeries[0].side"] = "left",
        ["surgeries[0].nodes"] = "armpit",
        ["surgeries[0].nodesSide"] = "left",
        ["surgeries[0].nodesCount"] = "3",
        ["devices.port.present"] = "yes",
        ["devices.port.region"] = "chest",
        ["devices.port.side"] = "right",
        ["labs.platelets.value"] = "180000",
        ["labs.platelets.drawn"] = "2026-11-01",
        ["symptoms.pain"] = "3",
        ["careTeam.name"] = "Nurse Joy",
        ["permissionToContactCareTeam"] = "yes",
    };

    [Fact]
    public async Task ShowIntakeForm_ValidLink_ShowsAnAccessibleFormWithEverySection()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);

        using var page = await host.Http.GetAsync(ClientLinks.Link(host, LinkPurposes.Intake, id), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (var legend in new[] { "Your cancer and treatments", "Surgeries", "Radiation therapy", "Medical devices", "blood tests", "Blood clots",
            "Bones and brain", "neuropathy", "Lymphedema", "Skin changes", "How you feel now", "Medicines and comfort", "Today", "care team" })
        {
            Assert.Contains(legend, html, StringComparison.Ordinal);
        }

        Assert.Contains("<label for=\"cancerType\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitIntakeForm_Valid_StoresTheIntakeOnce()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);

        using var response = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Intake, id), Answers());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await host.RowsAsync(StorageTables.Intakes, id));
        Assert.Equal(id, row.PartitionKey);
        using var intake = JsonDocument.Parse(row.GetString("Intake"));
        Assert.Equal("UpperQuadrant", intake.RootElement.GetProperty("surgeries")[0].GetProperty("nodes").GetProperty("site").GetProperty("region").GetString());
        Assert.Equal(180000, intake.RootElement.GetProperty("labs").GetProperty("platelets").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task SubmitIntakeForm_LinkUsedTwice_Returns409AndKeepsTheFirst()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);
        var link = ClientLinks.Link(host, LinkPurposes.Intake, id);
        using var first = await ClientLinks.PostFormAsync(host, link, Answers());

        using var second = await ClientLinks.PostFormAsync(host, link, new Dictionary<string, string>(Answers()) { ["cancerType"] = "Other" });
        using var reopened = await host.Http.GetAsync(link, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode, reopened.StatusCode));
        Assert.Contains("Breast cancer", Assert.Single(await host.RowsAsync(StorageTables.Intakes, id)).GetString("Intake"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitIntakeForm_Invalid_Returns400WithTheErrorsByTheFieldsAndStoresNothing()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);
        var link = ClientLinks.Link(host, LinkPurposes.Intake, id);
        var invalid = new Dictionary<string, string>(Answers()) { ["cancerType"] = "", ["surgeries[0].nodesSide"] = "", ["labs.platelets.drawn"] = "01/11/2026" };

        using var page = await ClientLinks.PostFormAsync(host, link, invalid);
        using var problem = await ClientLinks.PostFormAsync(host, link, invalid, acceptJson: true);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"cancerType-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Lumpectomy\"", html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (problem.StatusCode, problem.Content.Headers.ContentType?.MediaType));
        var errors = (await problem.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal(["cancerType", "labs.platelets.drawn"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Empty(await host.RowsAsync(StorageTables.Intakes, id));
    }

    [Fact]
    public async Task SubmitIntakeForm_DomainRuleBroken_Returns400OnThatSurgeryRow()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);
        var noSide = new Dictionary<string, string>(Answers()) { ["surgeries[0].nodesSide"] = "" };

        using var problem = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Intake, id), noSide, acceptJson: true);

        var errors = (await problem.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal("surgeries[0]", Assert.Single(errors.EnumerateObject()).Name);
        Assert.Empty(await host.RowsAsync(StorageTables.Intakes, id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SubmitIntakeForm_TamperedLink_Returns404AndStoresNothing(bool acceptJson)
    {
        var id = await ClientLinks.SubmitReferralAsync(host);

        using var response = await ClientLinks.PostFormAsync(host, ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Intake, id)), Answers(), acceptJson);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(acceptJson ? "application/problem+json" : "text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await host.RowsAsync(StorageTables.Intakes, id));
    }

    [Fact]
    public async Task ShowIntakeForm_LinkForAnotherPurpose_Returns404()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);

        using var response = await host.Http.GetAsync("api/intake/" + ClientLinks.Link(host, LinkPurposes.Survey, id).Split('/')[^1], TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SubmitIntakeForm_ExpiredLink_Returns410AndStoresNothing()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);

        using var response = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Intake, id, TimeSpan.FromDays(-1)), Answers());

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Empty(await host.RowsAsync(StorageTables.Intakes, id));
    }
}
