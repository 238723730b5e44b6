using Microsoft.Extensions.Options;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Workflow.Tests.Activities;

/// <summary>The referral, venue and link settings the activity tests share: Ada Sample at Harbor Wellness.</summary>
internal static class ActivityTestData
{
    public const string Phone = "+16175550111";

    public static ReferralRecord Referral(string id, ContactChannel preferred, Stage stage, int sequence, DateTimeOffset at) =>
        new(id, "practice-1", new Referral(
            new ClientDetails("Ada", "Sample", new DateOnly(1968, 4, 12), Phone, "ada@example.org", preferred, "America/New_York"),
            new OncologistDetails("Dr. Rosa Demo", "Harbor Oncology", "rosa@example.org", "+16175550100"), "harbor", ServiceType.OncologyMassage,
            new ClinicalSummary("Breast cancer", [], []), null, 3), stage, sequence, at, at, null);

    public static Venue Harbor() =>
        new("harbor", "Harbor Wellness", VenueType.InfusionCenter, "America/New_York", "1 Harbor Way", "coordinator@harbor.example",
            new ConsentDocument("1", "Consent", "I consent."), []) { Phone = "+16175550123" };

    public static IOptions<LinkOptions> Links() => Microsoft.Extensions.Options.Options.Create(new LinkOptions
    {
        PublicBaseUrl = "https://om.example/",
        SigningKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    });

    public static SessionInvites Invites(IOptions<LinkOptions> links, TimeProvider clock) =>
        new(links, Microsoft.Extensions.Options.Options.Create(new EmailOptions { FromAddress = "referrals@om.example" }), new SignedLinks(links, clock));
}
