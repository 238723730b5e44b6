using System.Globalization;
using System.Text;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Ports;
using static OncologyMassage.Functions.Http.Pages.PageKit;

namespace OncologyMassage.Functions.Http.Pages;

/// <summary>
/// The care-team summary for the referring oncologist: sessions given and the adaptations used, change per symptom
/// (mean pre→post with n, never a single score), and each follow-up with its red flag. A follow-up with no reply says
/// "no reply": it is never shown as a zero.
/// </summary>
public static class SummaryPage
{
    public static string Render(ReferralRecord referral, IReadOnlyList<SessionRecord> sessions, IReadOnlyList<FollowUpRecord> followUps, string? venueName = null)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(followUps);
        var client = referral.Referral.Client;
        var ordered = sessions.OrderBy(s => s.SessionNumber).ToArray();
        var summary = OutcomeSummarizer.Summarize(ordered.Select(s => s.ToOutcome()), followUps.Where(f => f.Replied).SelectMany(f => f.Ratings));
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>Care-team summary</h1>
            <p>{E.Encode(client.GivenName)} {E.Encode(client.FamilyName)} (born {client.DateOfBirth:yyyy-MM-dd}), referred by
            {E.Encode(referral.Referral.Oncologist.Name)} to {E.Encode(venueName ?? referral.Referral.VenueId)}.
            <strong>{ordered.Length} of {referral.Referral.SessionsAuthorised}</strong> authorised session(s) given.</p>
            """);

        html.Append("<h2>Sessions and the adaptations used</h2>");
        if (ordered.Length == 0)
        {
            html.Append("<p>No session has been given yet.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">Session</th><th scope=\"col\">Date</th><th scope=\"col\">Pressure (Walton 0–5)</th>"
                + "<th scope=\"col\">Sites avoided</th><th scope=\"col\">Position</th><th scope=\"col\">Reactions</th></tr></thead><tbody>");
            foreach (var s in ordered)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{s.SessionNumber}</td><td>{s.RecordedAt:yyyy-MM-dd}</td><td>{s.PressureUsed}</td>"
                    + $"<td>{E.Encode(s.SitesAvoided.Count == 0 ? "none" : string.Join(", ", s.SitesAvoided))}</td><td>{E.Encode(s.Position)}</td>"
                    + $"<td>{E.Encode(s.Reactions ?? "none reported")}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<h2>Symptoms before and after each session (0 none – 10 worst)</h2>");
        html.Append("<table><thead><tr><th scope=\"col\">Symptom</th><th scope=\"col\">Mean before</th><th scope=\"col\">Mean after</th>"
            + "<th scope=\"col\">Change</th><th scope=\"col\">n</th></tr></thead><tbody>");
        foreach (var change in summary.Changes)
        {
            html.Append(change.N == 0
                ? $"<tr><td>{change.Symptom}</td><td colspan=\"3\">no paired ratings</td><td>0</td></tr>"
                : string.Create(CultureInfo.InvariantCulture,
                    $"<tr><td>{change.Symptom}</td><td>{change.MeanPre:0.0}</td><td>{change.MeanPost:0.0}</td><td>{change.MeanChange:+0.0;−0.0;0.0}</td><td>{change.N}</td></tr>"));
        }

        html.Append("</tbody></table><p class=\"muted\">n counts sessions rated both before and after; sessions with one rating only are left out, not imputed.</p>");

        html.Append("<h2>Follow-ups</h2>");
        if (followUps.Count == 0)
        {
            html.Append("<p>No follow-up yet.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">After session</th><th scope=\"col\">Check-in</th><th scope=\"col\">Answer</th>"
                + "<th scope=\"col\">Red flag</th></tr></thead><tbody>");
            foreach (var f in followUps.OrderBy(f => f.SessionNumber).ThenBy(f => f.RecordedAt))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{f.SessionNumber}</td><td>{KindWords(f.Kind)}, {f.RecordedAt:yyyy-MM-dd}</td><td>{Answer(f)}</td>"
                    + $"<td>{(f.Replied ? RedFlagWords(f.RedFlag) : "—")}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<p class=\"muted\">This summary is confidential, for the client's care team. The link expires; ask the venue for a new one.</p>");
        return Page("Care-team summary", html.ToString());
    }

    private static string Answer(FollowUpRecord followUp)
    {
        if (!followUp.Replied)
        {
            return "no reply";
        }

        var parts = followUp.Ratings.OrderBy(r => r.Item).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Item} {r.Score}")).ToList();
        if (followUp.Text is not null)
        {
            parts.Add($"“{followUp.Text}”");
        }

        return E.Encode(parts.Count == 0 ? "replied, no ratings" : string.Join("; ", parts));
    }

    private static string KindWords(FollowUpKind kind) => kind switch
    {
        FollowUpKind.Sms24Hours => "+24 h SMS",
        FollowUpKind.Email7Days => "+7 days survey",
        _ => "+30 days SMS",
    };

    private static string RedFlagWords(RedFlagLevel level) => level switch
    {
        RedFlagLevel.Immediate => "<strong>immediate</strong>",
        RedFlagLevel.SameDay => "<strong>same day</strong>",
        _ => "none",
    };
}
