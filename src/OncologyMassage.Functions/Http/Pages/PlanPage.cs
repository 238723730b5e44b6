using System.Globalization;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Workflow.Ports;
using static OncologyMassage.Functions.Http.Pages.PageKit;

namespace OncologyMassage.Functions.Http.Pages;

/// <summary>The therapist's plan page: whom it is for, what it was computed from, and the plan itself.</summary>
public static class PlanPage
{
    public static string Render(ReferralRecord referral, PlanRecord record)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(record);
        var client = referral.Referral.Client;
        var body = string.Create(CultureInfo.InvariantCulture, $"""
            <h1>Adaptation plan for {E.Encode(client.GivenName)} {E.Encode(client.FamilyName)}</h1>
            <p><strong>Computed from: {E.Encode(record.Basis)}</strong> (version {record.Version}, {record.CreatedAt:yyyy-MM-dd HH:mm} UTC{(record.HoldsClearedBy is { } by ? $"; holds answered by {E.Encode(by)}" : "")}).</p>
            """) + PlanRenderer.ToHtml(record.Plan);
        return Page("Adaptation plan", body);
    }
}
