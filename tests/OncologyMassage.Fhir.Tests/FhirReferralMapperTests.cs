using System.Text.Json.Nodes;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Fhir.Tests;

public sealed class FhirReferralMapperTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private readonly ReferralNormalizer normalizer = new(new PhoneNumberNormalizer());

    [Fact]
    public void Map_TransactionBundle_GivesTheSameReferralAsTheJsonSample()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Parse("referral-transaction.json"));
        mapping.DefaultTimeZone("America/New_York");

        var referral = normalizer.Normalize(mapping.Request, Today).Referral!;

        Assert.Empty(mapping.Issues);
        Assert.Equal(("Ada", "Sample", new DateOnly(1968, 4, 12), "+16175550143", "ada.sample@example.org", ContactChannel.Sms),
            (referral.Client.GivenName, referral.Client.FamilyName, referral.Client.DateOfBirth, referral.Client.MobilePhone, referral.Client.Email, referral.Client.PreferredContact));
        Assert.Equal(("Dr. Rosa Demo", "Harbor Oncology Associates", "rosa.demo@example.org", "+16175550100"),
            (referral.Oncologist.Name, referral.Oncologist.Practice, referral.Oncologist.Email, referral.Oncologist.Phone));
        Assert.Equal(("harbor-infusion-center", Domain.Clinical.ServiceType.OncologyMassage, 3), (referral.VenueId, referral.Service, referral.SessionsAuthorised));
        Assert.Equal("Breast cancer", referral.ClinicalSummary.CancerType);
        Assert.Equal(
            [(Domain.Clinical.TreatmentType.Surgery, new DateOnly(2026, 6, 2), (DateOnly?)new DateOnly(2026, 6, 2)), (Domain.Clinical.TreatmentType.Chemotherapy, new DateOnly(2026, 7, 1), null)],
            referral.ClinicalSummary.Treatments.Select(t => (t.Type, t.StartedOn, t.EndedOn)));
        Assert.Equal(["PORT chest right", "NODES_REMOVED arm left"],
            referral.ClinicalSummary.Precautions.Select(p => $"{Domain.Clinical.PrecautionCodes.ToCode(p.Code)} {p.Region?.ToWireName()} {p.Side?.ToString().ToLowerInvariant()}"));
        Assert.Equal("Sentinel node biopsy, 3 nodes", referral.ClinicalSummary.Precautions[1].Detail);
        Assert.Equal("Prefers afternoon sessions.", referral.Notes);
    }

    [Fact]
    public void Map_MessageBundle_GivesTheSameRequestAsTheTransaction()
    {
        var transaction = FhirReferralMapper.Map(ExampleBundles.Parse("referral-transaction.json"));
        var message = FhirReferralMapper.Map(ExampleBundles.Parse("referral-message.json"));

        Assert.Empty(message.Issues);
        Assert.Equal(transaction.RequestHash(), message.RequestHash());
    }

    [Fact]
    public void Map_PatientCommunication_SetsPreferredLanguage()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Parse("referral-transaction.json"));

        Assert.Equal("es", mapping.Request!.Client!.PreferredLanguage);
    }

    [Fact]
    public void Map_NoPatientCommunication_LeavesLanguageToTheDefault()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Edited(b => b["entry"]![1]!["resource"]!.AsObject().Remove("communication")));
        mapping.DefaultTimeZone("America/New_York");

        Assert.Equal("en", normalizer.Normalize(mapping.Request, Today).Referral!.Client.PreferredLanguage);
    }

    [Fact]
    public void DefaultTimeZone_BundleWithoutOne_TakesTheVenues()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Parse("referral-transaction.json"));

        mapping.DefaultTimeZone("America/Chicago");

        Assert.Equal("America/Chicago", mapping.Request!.Client!.TimeZone);
    }

    [Fact]
    public void DefaultTimeZone_PatientCarriesOne_KeepsIt()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Edited(b => b["entry"]![1]!["resource"]!["extension"] = new JsonArray(
            new JsonObject { ["url"] = FhirSystems.TimeZoneExtension, ["valueCode"] = "America/Denver" })));

        mapping.DefaultTimeZone("America/Chicago");

        Assert.Equal("America/Denver", mapping.Request!.Client!.TimeZone);
    }

    [Fact]
    public void Map_PerformerIsABundledVenueOrganization_ReadsTheVenueId()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Edited(b =>
        {
            b["entry"]![0]!["resource"]!["performer"] = new JsonArray(new JsonObject { ["reference"] = "urn:uuid:00000000-0000-4000-8000-0000000000aa" });
            b["entry"]!.AsArray().Add(new JsonObject
            {
                ["fullUrl"] = "urn:uuid:00000000-0000-4000-8000-0000000000aa",
                ["resource"] = new JsonObject
                {
                    ["resourceType"] = "Organization",
                    ["identifier"] = new JsonArray(new JsonObject { ["system"] = FhirSystems.Venue, ["value"] = "lakeside-spa" }),
                    ["name"] = "Lakeside Spa",
                },
                ["request"] = new JsonObject { ["method"] = "POST", ["url"] = "Organization" },
            });
        }));

        Assert.Equal("lakeside-spa", mapping.Request!.VenueId);
        Assert.Equal("Harbor Oncology Associates", mapping.Request.Oncologist!.Practice);
    }

    [Fact]
    public void Map_NoVenue_NamesThePerformer()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Parse("broken-no-venue.json"));

        var issue = Assert.Single(mapping.Issues);
        Assert.Equal("Bundle.entry[0].resource.performer", issue.Expression);
        Assert.False(mapping.IsValid);
    }

    [Fact]
    public void Map_NoQuantity_LeavesOneSessionToTheDomainDefault()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Edited(b => b["entry"]![0]!["resource"]!.AsObject().Remove("quantityQuantity")));
        mapping.DefaultTimeZone("America/New_York");

        Assert.Equal(1, normalizer.Normalize(mapping.Request, Today).Referral!.SessionsAuthorised);
    }

    [Fact]
    public void Map_FractionalQuantity_IsAnIssueAtQuantity()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Edited(b => b["entry"]![0]!["resource"]!["quantityQuantity"]!["value"] = 2.5));

        Assert.Equal(["Bundle.entry[0].resource.quantity"], mapping.Issues.Select(i => i.Expression));
    }

    [Fact]
    public void Map_TreatmentWithoutAKnownType_GoesToTheNotesNotTheStructuredList()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Edited(b => b["entry"]![6]!["resource"]!.AsObject().Remove("category")));

        Assert.Equal(["chemotherapy"], mapping.Request!.ClinicalSummary!.Treatments!.Select(t => t.Type));
        Assert.Contains("Treatment: Lumpectomy from 2026-06-02 to 2026-06-02.", mapping.Request.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_NotABundle_IsNotSupported()
    {
        var mapping = FhirReferralMapper.Map(new Hl7.Fhir.Model.Patient());

        Assert.Equal(Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported, Assert.Single(mapping.Issues).Code);
    }

    [Fact]
    public void Map_CollectionBundle_IsAnIssueAtType()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Edited(b => b["type"] = "collection"));

        Assert.Equal(["Bundle.type"], mapping.Issues.Select(i => i.Expression));
    }

    [Fact]
    public void IdempotencyKey_BundleIdentifier_IsUsed()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Parse("referral-transaction.json"));

        Assert.Equal("fhir|urn:oid:2.16.840.1.113883.3.9999.1|harbor-oncology-referral-0001", mapping.IdempotencyKey);
    }

    [Fact]
    public void IdempotencyKey_NoBundleIdentifier_FallsBackToTheServiceRequests()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Edited(b => b.AsObject().Remove("identifier")));

        Assert.Equal("fhir|urn:oid:2.16.840.1.113883.3.9999.2|SR-0001", mapping.IdempotencyKey);
    }

    [Fact]
    public void RequestHash_DifferentReferralSameIdentifier_Differs()
    {
        var first = FhirReferralMapper.Map(ExampleBundles.Parse("referral-transaction.json"));
        var other = FhirReferralMapper.Map(ExampleBundles.Edited(b => b["entry"]![0]!["resource"]!["quantityQuantity"]!["value"] = 5));

        Assert.Equal(first.IdempotencyKey, other.IdempotencyKey);
        Assert.NotEqual(first.RequestHash(), other.RequestHash());
    }

    [Fact]
    public void IssuesFor_DomainErrors_PointAtTheElementsTheyCameFrom()
    {
        var mapping = FhirReferralMapper.Map(ExampleBundles.Parse("broken-domain-rules.json"));
        mapping.DefaultTimeZone("America/New_York");

        var errors = normalizer.Normalize(mapping.Request, Today).Errors;
        var issues = mapping.IssuesFor(errors);

        Assert.Equal(
            ["Bundle.entry[0].resource.quantity", "Bundle.entry[1].resource.birthDate", "Bundle.entry[1].resource.telecom[0]"],
            issues.Select(i => i.Expression).Order(StringComparer.Ordinal));
    }
}
