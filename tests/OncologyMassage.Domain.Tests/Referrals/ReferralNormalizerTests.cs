using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Domain.Tests.Referrals;

public sealed class ReferralNormalizerTests
{
    private readonly ReferralNormalizer normalizer = new(new PhoneNumberNormalizer());

    [Fact]
    public void Normalize_ValidRequest_ReturnsReferralWithE164PhonesAndTypedValues()
    {
        var result = normalizer.Normalize(ReferralRequests.Valid(), ReferralRequests.Today);

        Assert.True(result.IsValid);
        var referral = result.Referral!;
        Assert.Equal(("+16175550143", "+16175550100"), (referral.Client.MobilePhone, referral.Oncologist.Phone));
        Assert.Equal((ServiceType.OncologyMassage, ContactChannel.Sms, 3), (referral.Service, referral.Client.PreferredContact, referral.SessionsAuthorised));
        Assert.Equal(new DateOnly(1968, 4, 12), referral.Client.DateOfBirth);
        Assert.Equal([TreatmentType.Chemotherapy, TreatmentType.TransplantOrCarT], referral.ClinicalSummary.Treatments.Select(t => t.Type));
        Assert.Equal(
            [new Precaution(PrecautionCode.Port, BodyRegion.Chest, BodySide.Right, null), new Precaution(PrecautionCode.NodesRemoved, BodyRegion.Arm, BodySide.Left, "3 nodes")],
            referral.ClinicalSummary.Precautions);
        Assert.Equal("AS", referral.Client.Initials);
    }

    [Fact]
    public void Normalize_NoSessionsGiven_AuthorisesOneSession()
    {
        var result = normalizer.Normalize(ReferralRequests.Valid() with { SessionsAuthorised = null }, ReferralRequests.Today);

        Assert.Equal(1, result.Referral!.SessionsAuthorised);
    }

    [Fact]
    public void Normalize_NullBody_IsInvalid()
    {
        var result = normalizer.Normalize(null, ReferralRequests.Today);

        Assert.False(result.IsValid);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Normalize_MissingSections_NamesEachSection()
    {
        var result = normalizer.Normalize(new ReferralRequest(null, null, null, null, null, null, null), ReferralRequests.Today);

        Assert.Equal(["client", "clinicalSummary", "oncologist", "service", "venueId"], result.Errors.Keys.Order());
    }

    public static TheoryData<string, Func<ReferralRequest, ReferralRequest>> BadFields => new()
    {
        { "client.givenName", r => r with { Client = r.Client! with { GivenName = " " } } },
        { "client.dateOfBirth", r => r with { Client = r.Client! with { DateOfBirth = "2026-11-26" } } },
        { "client.dateOfBirth", r => r with { Client = r.Client! with { DateOfBirth = "12/04/1968" } } },
        { "client.mobilePhone", r => r with { Client = r.Client! with { MobilePhone = "555" } } },
        { "client.mobilePhone", r => r with { Client = r.Client! with { MobilePhone = "+44 20 7946 0018" } } }, // a London landline
        { "client.email", r => r with { Client = r.Client! with { Email = "not-an-email" } } },
        { "client.email", r => r with { Client = r.Client! with { Email = "rosa demo@example.org" } } }, // passes a lenient "has an @" check
        { "oncologist.email", r => r with { Oncologist = r.Oncologist! with { Email = "oncology@harbor" } } },
        { "client.preferredContact", r => r with { Client = r.Client! with { PreferredContact = "pigeon" } } },
        { "client.timeZone", r => r with { Client = r.Client! with { TimeZone = "EST" } } },
        { "client.timeZone", r => r with { Client = r.Client! with { TimeZone = "Mars/Olympus" } } },
        { "oncologist.phone", r => r with { Oncologist = r.Oncologist! with { Phone = "abc" } } },
        { "venueId", r => r with { VenueId = "Harbor Infusion/Center" } },
        { "service", r => r with { Service = "Reiki" } },
        { "sessionsAuthorised", r => r with { SessionsAuthorised = 0 } },
        { "clinicalSummary.cancerType", r => r with { ClinicalSummary = r.ClinicalSummary! with { CancerType = "" } } },
        { "clinicalSummary.treatments[0].type", r => r with { ClinicalSummary = r.ClinicalSummary! with { Treatments = [new("magic", "2026-01-01", null)] } } },
        { "clinicalSummary.treatments[0].startedOn", r => r with { ClinicalSummary = r.ClinicalSummary! with { Treatments = [new("surgery", "2027-01-01", null)] } } },
        { "clinicalSummary.treatments[0].endedOn", r => r with { ClinicalSummary = r.ClinicalSummary! with { Treatments = [new("surgery", "2026-05-01", "2026-04-01")] } } },
        { "clinicalSummary.precautions[1].code", r => r with { ClinicalSummary = r.ClinicalSummary! with { Precautions = [new("PORT", null, null, null), new("BE_CAREFUL", null, null, null)] } } },
        { "clinicalSummary.precautions[0].region", r => r with { ClinicalSummary = r.ClinicalSummary! with { Precautions = [new("PORT", "elbow", null, null)] } } },
        { "clinicalSummary.precautions[0].side", r => r with { ClinicalSummary = r.ClinicalSummary! with { Precautions = [new("PORT", "chest", "middle", null)] } } },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Normalize_OneBadField_NamesExactlyThatField(string field, Func<ReferralRequest, ReferralRequest> spoil)
    {
        var result = normalizer.Normalize(spoil(ReferralRequests.Valid()), ReferralRequests.Today);

        Assert.False(result.IsValid);
        Assert.Equal([field], result.Errors.Keys);
        Assert.All(result.Errors[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    [Fact]
    public void Normalize_ManyBadFields_ReportsEveryOne()
    {
        var request = ReferralRequests.Valid() with
        {
            Client = ReferralRequests.Valid().Client! with { MobilePhone = "1", Email = "x" },
            Service = "Reiki",
        };

        var result = normalizer.Normalize(request, ReferralRequests.Today);

        Assert.Equal(["client.email", "client.mobilePhone", "service"], result.Errors.Keys.Order());
    }
}
