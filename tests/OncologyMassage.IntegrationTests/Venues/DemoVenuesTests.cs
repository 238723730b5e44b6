using System.Text.Json.Nodes;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Infrastructure.Venues;
using OncologyMassage.IntegrationTests.Infrastructure;

namespace OncologyMassage.IntegrationTests.Venues;

public sealed class DemoVenuesTests
{
    public static TheoryData<string> VenueIds => [.. DemoVenues.All.Select(v => v.Id)];

    [Fact]
    public void All_OneVenuePerType()
    {
        Assert.Equal(Enum.GetValues<VenueType>().Order(), DemoVenues.All.Select(v => v.Type).Order());
    }

    [Theory]
    [MemberData(nameof(VenueIds))]
    public void All_EachVenue_IsValidWithTwoTherapistsAndAnExampleOrgCoordinator(string id)
    {
        var venue = DemoVenues.All.Single(v => v.Id == id);

        Assert.Empty(VenueValidator.ErrorsOf(venue));
        Assert.Equal(2, venue.Therapists.Count);
        Assert.EndsWith("@example.org", venue.CoordinatorEmail, StringComparison.Ordinal);
        Assert.StartsWith("America/", venue.TimeZone, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VenueIds))]
    public void Consent_EachVenue_NamesPurposeLimitsLengthRisksDutyAndRightToStop(string id)
    {
        var venue = DemoVenues.All.Single(v => v.Id == id);
        var text = venue.Consent.Text;

        Assert.Equal("2026-11", venue.Consent.Version);
        foreach (var required in new[]
        {
            "comfort and relaxation", "not a substitute for medical care", "does not diagnose",
            $"up to {(int)venue.SessionLength.TotalMinutes} minutes", "as many sessions as your referring physician has authorised",
            "bruising", "lymphedema", "fracture", "blood clot", "skin injury", "fatigue", "dizziness",
            "change in your medications", "stop the session at any time", "version 2026-11",
        })
        {
            Assert.Contains(required, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SampleReferral_VenueId_IsTheInfusionCenter()
    {
        var venueId = JsonNode.Parse(Samples.Referral())!["venueId"]!.GetValue<string>();

        Assert.Equal(VenueType.InfusionCenter, DemoVenues.All.Single(v => v.Id == venueId).Type);
    }
}
