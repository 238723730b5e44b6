using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Messages;

/// <summary>
/// Emails of a red flag's escalation (docs/clinical.md, "Escalation"). Like every message they carry no clinical detail:
/// no symptom, no reply text, no diagnosis; only the venue, the referral id for staff, the urgency and where to look.
/// </summary>
public static class RedFlagMessages
{
    /// <summary>To the venue coordinator when the flag opens. An immediate flag asks them to call the client now.</summary>
    public static EmailContent CoordinatorAlert(string venueName, string referralId, RedFlagLevel level, bool officeTold, TimeSpan acknowledgeWithin, Uri dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var immediate = level == RedFlagLevel.Immediate;
        return new EmailContent(
            Subject: immediate ? $"URGENT: call the client of referral {referralId} now" : $"Call the client of referral {referralId} today",
            TextBody: $"""
                Hello,

                A client's reply for referral {referralId} at {venueName} was screened as a {(immediate ? "red flag needing attention NOW" : "red flag needing attention today")}.
                {(immediate
                    ? "The client was told to call their oncology team's triage line or emergency services. Please call the client now to check that they did."
                    : "Please call the client today.")}
                {(officeTold ? "The referring oncologist's office has been told." : "The client asked us not to contact their care team: the oncologist's office was not told.")}

                Acknowledge the flag on the dashboard once someone has acted (who called, what was agreed):
                {dashboard}
                If nobody acknowledges it within {Describe(acknowledgeWithin)}{(immediate ? "" : " of business hours")}, the venue's backup contact is alerted.

                {venueName}
                """);
    }

    /// <summary>To the referring oncologist's office: that a client of theirs needs the team's attention, with a signed link to the care-team view.</summary>
    public static EmailContent OncologistOfficeAlert(string venueName, RedFlagLevel level, Uri careTeamLink)
    {
        ArgumentNullException.ThrowIfNull(careTeamLink);
        var immediate = level == RedFlagLevel.Immediate;
        return new EmailContent(
            Subject: immediate ? $"Urgent: a client you referred to {venueName} needs your team now" : $"A client you referred to {venueName} needs your team's attention today",
            TextBody: $"""
                Hello,

                A client you referred to {venueName} sent us a reply that our screening rates as {(immediate ? "needing urgent medical attention" : "needing your team's attention within a business day")}.
                {(immediate ? "The client has been told to call your triage line or emergency services now, and our coordinator is calling them." : "Our coordinator is calling the client today.")}

                Which client, and what they reported, is on the care-team page behind this link:
                {careTeamLink}

                For privacy this email carries no client details.

                {venueName}
                """);
    }

    /// <summary>To the venue's backup contact: a flag is still unacknowledged after its clock.</summary>
    public static EmailContent BackupEscalation(string venueName, string referralId, RedFlagLevel level, int escalation, DateTimeOffset openedAt, Uri dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var immediate = level == RedFlagLevel.Immediate;
        return new EmailContent(
            Subject: $"{(immediate ? "URGENT: " : "")}Unacknowledged red flag on referral {referralId} (escalation {escalation})",
            TextBody: $"""
                Hello,

                You are the backup contact of {venueName}. A {(immediate ? "red flag needing attention NOW" : "same-day red flag")} on referral {referralId},
                raised at {openedAt:yyyy-MM-dd HH:mm} UTC, has not been acknowledged by the coordinator.
                Please make sure someone calls the client{(immediate ? " now" : " today")}, then acknowledge the flag on the dashboard:
                {dashboard}

                {venueName}
                """);
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 && span.Seconds == 0
            ? $"{(int)span.TotalHours} hour{(span.TotalHours == 1 ? "" : "s")}"
            : span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{(int)span.TotalMinutes} minutes" : $"{(int)Math.Ceiling(span.TotalSeconds)} seconds";
}
