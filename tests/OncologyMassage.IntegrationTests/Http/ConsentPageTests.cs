using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>The consent link: the venue's document, one signature, and a withdrawal that works after signing.</summary>
public sealed class ConsentPageTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private static readonly ConsentDocument Document = new("2026-11", "Consent to oncology massage",
        "Massage is for comfort and relaxation. It is not a substitute for medical care. Risks: bruising, lymphedema, fatigue.");

    private readonly TestHost host = shared.Host;

    private async Task<string> ReferralAtVenueAsync(VenueType type)
    {
        await host.App.Services.GetRequiredService<IVenueStore>().UpsertAsync(new Venue("harbor-infusion-center", "Harbor Infusion Center", type,
            "America/New_York", "Boston and Cambridge", "coordinator@example.org", Document, [new TherapistAvailability("t-1", "Therapist One", [new WeeklyWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))])]), TestContext.Current.CancellationToken);
        return await ClientLinks.SubmitReferralAsync(host);
    }

    private static Dictionary<string, string> Signature() => new()
    {
        ["documentVersion"] = Document.Version,
        ["signerName"] = "Ada Sample",
        ["agree"] = "yes",
    };

    [Fact]
    public async Task ShowConsentForm_InHomeVenue_ShowsTheDocumentItsVersionAndAsksForTheVisitAddress()
    {
        var id = await ReferralAtVenueAsync(VenueType.InHome);

        using var page = await host.Http.GetAsync(ClientLinks.Link(host, LinkPurposes.Consent, id), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Consent to oncology massage", html, StringComparison.Ordinal);
        Assert.Contains("Document version 2026-11", html, StringComparison.Ordinal);
        Assert.Contains("name=\"visitAddress\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowConsentForm_InfusionCenter_DoesNotAskForAnAddress()
    {
        var id = await ReferralAtVenueAsync(VenueType.InfusionCenter);

        using var page = await host.Http.GetAsync(ClientLinks.Link(host, LinkPurposes.Consent, id), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("name=\"visitAddress\"", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitConsentForm_Signed_StoresVersionHashSignerAndAddressOnce()
    {
        var id = await ReferralAtVenueAsync(VenueType.InHome);
        var link = ClientLinks.Link(host, LinkPurposes.Consent, id);
        var fields = new Dictionary<string, string>(Signature()) { ["visitAddress"] = "12 Elm St, Cambridge", ["confirmAddress"] = "yes" };

        using var first = await ClientLinks.PostFormAsync(host, link, fields);
        using var second = await ClientLinks.PostFormAsync(host, link, new Dictionary<string, string>(fields) { ["signerName"] = "Someone Else" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        var consent = await host.App.Services.GetRequiredService<IConsentStore>().GetAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal(("2026-11", Document.Sha256, "Ada Sample", "om-tests", "12 Elm St, Cambridge"),
            (consent!.DocumentVersion, consent.DocumentSha256, consent.SignerName, consent.SignerUserAgent, consent.VisitAddress));
    }

    [Fact]
    public async Task SubmitConsentForm_InHomeWithoutAddressOrAgreement_Returns400AndStoresNothing()
    {
        var id = await ReferralAtVenueAsync(VenueType.InHome);
        var fields = new Dictionary<string, string>(Signature());
        fields.Remove("agree");

        using var response = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Consent, id), fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("id=\"visitAddress-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"agree-error\"", html, StringComparison.Ordinal);
        Assert.Empty(await host.RowsAsync(StorageTables.Consents, id));
    }

    [Fact]
    public async Task SubmitConsentForm_DocumentChangedSinceShown_Returns409AndStoresNothing()
    {
        var id = await ReferralAtVenueAsync(VenueType.InfusionCenter);

        using var response = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Consent, id),
            new Dictionary<string, string>(Signature()) { ["documentVersion"] = "2025-01" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await host.RowsAsync(StorageTables.Consents, id));
    }

    [Fact]
    public async Task SubmitConsentWithdrawal_AfterSigningAndSentTwice_RecordsTheWithdrawalOnceWithTheFirstReason()
    {
        var id = await ReferralAtVenueAsync(VenueType.InfusionCenter);
        var link = ClientLinks.Link(host, LinkPurposes.Consent, id);
        using var signed = await ClientLinks.PostFormAsync(host, link, Signature());

        using var confirm = await host.Http.GetAsync(link + "/withdraw", TestContext.Current.CancellationToken);
        using var withdrawn = await ClientLinks.PostFormAsync(host, link + "/withdraw", [new("reason", "Feeling too tired")]);
        using var again = await ClientLinks.PostFormAsync(host, link + "/withdraw", [new("reason", "again")]);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (confirm.StatusCode, withdrawn.StatusCode, again.StatusCode));
        var consent = await host.App.Services.GetRequiredService<IConsentStore>().GetAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal("Feeling too tired", consent!.WithdrawalReason);
        Assert.NotNull(consent.WithdrawnAt);
    }

    [Fact]
    public async Task SubmitConsentWithdrawal_NeverSigned_Returns409()
    {
        var id = await ReferralAtVenueAsync(VenueType.InfusionCenter);

        using var response = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Consent, id) + "/withdraw", [new("reason", "no")]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await host.RowsAsync(StorageTables.Consents, id));
    }

    [Fact]
    public async Task SubmitConsentForm_TamperedLink_Returns404AndStoresNothing()
    {
        var id = await ReferralAtVenueAsync(VenueType.InfusionCenter);

        using var response = await ClientLinks.PostFormAsync(host, ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Consent, id)), Signature());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await host.RowsAsync(StorageTables.Consents, id));
    }
}
