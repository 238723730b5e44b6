using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Tests.Referrals;

namespace OncologyMassage.Domain.Tests.Messages;

public sealed class MessageTemplatesTests
{
    private static readonly Uri Link = new("https://om.example/release/ref-0123");

    [Fact]
    public void MdReleaseRequest_NamesVenueActionAndLink()
    {
        var email = MessageTemplates.MdReleaseRequest("harbor-infusion-center", Link, new DateTimeOffset(2026, 12, 9, 0, 0, 0, TimeSpan.Zero));

        Assert.Contains("harbor-infusion-center", email.Subject, StringComparison.Ordinal);
        Assert.Contains(Link.ToString(), email.TextBody, StringComparison.Ordinal);
        Assert.Contains("2026-12-09", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void MdReleaseRequest_CarriesNothingTheClinicKnowsOfTheClient()
    {
        var referral = ReferralRequests.Valid();
        var email = MessageTemplates.MdReleaseRequest("harbor-infusion-center", Link, DateTimeOffset.UnixEpoch);
        var text = email.Subject + "\n" + email.TextBody;

        var clientFacts = new[]
        {
            referral.Client!.GivenName!, referral.Client.FamilyName!, referral.Client.DateOfBirth!, referral.ClinicalSummary!.CancerType!,
            "chemotherapy", "radiation", "PORT", "node", "lymph", "platelet", "diagnos",
        };
        Assert.All(clientFacts, fact => Assert.DoesNotContain(fact, text, StringComparison.OrdinalIgnoreCase));
    }
}
