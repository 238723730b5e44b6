using System.Globalization;

namespace OncologyMassage.Domain.Messages;

/// <summary>
/// Every message body the workflow sends. Bodies name the venue, the action and a link, and nothing the clinic knows
/// about the client's health — not even the client's name, since a name next to "oncology" already discloses a diagnosis.
/// </summary>
public static class MessageTemplates
{
    public static EmailContent MdReleaseRequest(string venueName, Uri releaseLink, DateTimeOffset respondBy)
    {
        ArgumentNullException.ThrowIfNull(releaseLink);
        return new EmailContent(
            Subject: $"Release requested for a referral to {venueName}",
            TextBody: $"""
                Hello,

                Your practice referred a client to {venueName}. Before the first session we need your release.
                Please review the proposed service and decide (approve, approve with restrictions, or decline) here:

                {releaseLink}

                The link is personal to you; please respond by {respondBy:yyyy-MM-dd}.
                For privacy this email carries no client details; they are shown after you open the link.

                {venueName}
                """);
    }

    /// <summary>To the venue coordinator when the release is still undecided after the reminders.</summary>
    public static EmailContent ReleaseEscalation(string venueName, string referralId, DateTimeOffset respondBy) => new(
        Subject: $"Release still pending for referral {referralId}",
        TextBody: $"""
            Hello,

            The referring oncologist has not answered the release request for referral {referralId} at {venueName},
            after the request and two reminders. The referral closes as expired on {respondBy:yyyy-MM-dd} without an answer.
            Please call the practice, or resend the request from the dashboard.

            {venueName}
            """);

    /// <summary>To the referring oncologist when the plan has a hold: the question is on the linked page, not in the email.</summary>
    public static EmailContent MdQuestion(string venueName, Uri questionLink, DateTimeOffset respondBy)
    {
        ArgumentNullException.ThrowIfNull(questionLink);
        return new EmailContent(
            Subject: $"A question about a client's plan at {venueName}",
            TextBody: $"""
                Hello,

                Before the first session at {venueName} we need your answer to a specific question about the client's plan.
                The question and the proposed plan are here:

                {questionLink}

                Please respond by {respondBy:yyyy-MM-dd}. For privacy this email carries no client details.

                {venueName}
                """);
    }

    /// <summary>To the client: the intake form link (SMS).</summary>
    public static string IntakeInvitationSms(string venueName, Uri intakeLink, bool reminder) =>
        $"{venueName}: {(reminder ? "a reminder to" : "welcome! Please")} fill in your intake form before we book your session: {intakeLink} Reply STOP to opt out.";

    /// <summary>To the client: the intake form link (email).</summary>
    public static EmailContent IntakeInvitationEmail(string venueName, Uri intakeLink, bool reminder)
    {
        ArgumentNullException.ThrowIfNull(intakeLink);
        return new EmailContent(
            Subject: reminder ? $"Reminder: your intake form for {venueName}" : $"Your intake form for {venueName}",
            TextBody: $"""
                Hello,

                {(reminder ? "A reminder: we are still waiting for" : "Welcome. Before we book your first session we need")} your intake form.
                It takes about ten minutes:

                {intakeLink}

                {venueName}
                """);
    }

    /// <summary>To the client: up to three slots, answered with 1, 2 or 3. Times are in the client's time zone.</summary>
    public static string SlotOfferSms(string venueName, IReadOnlyList<DateTimeOffset> localStarts)
    {
        ArgumentNullException.ThrowIfNull(localStarts);
        var choices = string.Join("; ", localStarts.Select((s, i) => $"{i + 1}) {s:ddd MMM d h:mm tt}"));
        return $"{venueName}: please choose a session time. Reply {string.Join(", ", Enumerable.Range(1, localStarts.Count))}: {choices}. Reply STOP to opt out.";
    }

    /// <summary>To the client by email when they cannot be texted: the slots, to answer by phone with the venue.</summary>
    public static EmailContent SlotOfferEmail(string venueName, IReadOnlyList<DateTimeOffset> localStarts)
    {
        ArgumentNullException.ThrowIfNull(localStarts);
        var choices = string.Join(Environment.NewLine, localStarts.Select((s, i) => $"  {i + 1}) {s:dddd MMMM d, h:mm tt}"));
        return new EmailContent(
            Subject: $"Choose your session time at {venueName}",
            TextBody: $"""
                Hello,

                These session times are free at {venueName}:

                {choices}

                Please call or email the venue with the number of the time you prefer.

                {venueName}
                """);
    }

    /// <summary>To the client: the slot is booked.</summary>
    public static string BookingConfirmedSms(string venueName, DateTimeOffset localStart) =>
        $"{venueName}: your session is booked for {localStart:dddd MMM d, h:mm tt}. Reply STOP to opt out.";

    /// <summary>To the client: the consent form before the first session (SMS).</summary>
    public static string ConsentRequestSms(string venueName, Uri consentLink) =>
        $"{venueName}: before your first session please read and sign the consent form: {consentLink}";

    /// <summary>To the client: the consent form before the first session (email).</summary>
    public static EmailContent ConsentRequestEmail(string venueName, Uri consentLink)
    {
        ArgumentNullException.ThrowIfNull(consentLink);
        return new EmailContent(
            Subject: $"Please sign the consent form for {venueName}",
            TextBody: $"""
                Hello,

                Before your first session please read and sign the consent form:

                {consentLink}

                {venueName}
                """);
    }

    /// <summary>
    /// To the client at once when something they answered on a form needs a clinician now (an immediate red flag): the same
    /// advice a text reply gets, naming nothing of what they wrote.
    /// </summary>
    public static string UrgentAdviceSms(string venueName) =>
        $"{venueName}: thank you for your answers. Please call your care team's triage line or emergency services now. We have also alerted our coordinator.";

    /// <summary>The urgent advice by email, for a client without texts.</summary>
    public static EmailContent UrgentAdviceEmail(string venueName) => new(
        Subject: $"Please call your care team now ({venueName})",
        TextBody: $"""
            Hello,

            Thank you for your answers. Please call your care team's triage line or emergency services now.
            We have also alerted our coordinator, who will call you.

            {venueName}
            """);

    /// <summary>To the client the day before the session.</summary>
    public static string SessionReminderSms(string venueName, DateTimeOffset localStart) =>
        $"{venueName}: a reminder of your session on {localStart:dddd MMM d, h:mm tt}. Reply STOP to opt out.";

    /// <summary>
    /// The +24 h and +30 d follow-up question: generic, no symptom the clinic knows of. It names the session it follows, so
    /// a client in a series knows which one a reply is about (the reply is filed under that follow-up).
    /// </summary>
    public static string FollowUpSms(string venueName, bool longTerm, int sessionNumber) => longTerm
        ? $"{venueName}: it has been a month since your session {sessionNumber}. Any problem since? Reply in a few words, or 0-10 for pain, tiredness, nausea, worry."
        : $"{venueName}: how do you feel today, after session {sessionNumber}? Reply 0-10 for pain, tiredness, nausea, worry (e.g. 3 5 1 2), and tell us about any reaction.";

    /// <summary>
    /// A follow-up by email (the +7 day survey, and the +24 h and +30 d questions for a client without texts): a link to the
    /// short web form for that follow-up of that session.
    /// </summary>
    public static EmailContent FollowUpSurveyEmail(string venueName, Uri surveyLink, int sessionNumber, int daysAfter)
    {
        ArgumentNullException.ThrowIfNull(surveyLink);
        var elapsed = Elapsed(daysAfter);
        return new EmailContent(
            Subject: $"How are you {elapsed} after your session at {venueName}?",
            TextBody: $"""
                Hello,

                It has been {elapsed} since your session {sessionNumber}. Two minutes of your time help us care for you and others:

                {surveyLink}

                This link is for this question only and works until the answer is due; a later question comes with its own link.

                {venueName}
                """);
    }

    private static string Elapsed(int days) => days switch
    {
        <= 1 => "a day",
        7 => "a week",
        >= 28 and <= 31 => "a month",
        _ => string.Create(CultureInfo.InvariantCulture, $"{days} days"),
    };

    /// <summary>To the referring oncologist: the outcome summary is behind the link, never in the body.</summary>
    public static EmailContent CareTeamSummary(string venueName, Uri summaryLink)
    {
        ArgumentNullException.ThrowIfNull(summaryLink);
        return new EmailContent(
            Subject: $"Outcome summary for your referral to {venueName}",
            TextBody: $"""
                Hello,

                The client you referred to {venueName} has completed their sessions. The outcome summary (sessions given,
                adaptations used, score changes and anything we flagged) is here:

                {summaryLink}

                For privacy this email carries no client details.

                {venueName}
                """);
    }

    /// <summary>To the venue coordinator: a reply needs a call. The reply itself is on the dashboard, not in the email.</summary>
    public static EmailContent CoordinatorAlert(string venueName, string referralId, bool immediate, string what) => new(
        Subject: immediate ? $"URGENT: call the client of referral {referralId} now" : $"Call the client of referral {referralId} today",
        TextBody: $"""
            Hello,

            {what} for referral {referralId} at {venueName} needs {(immediate ? "a call now" : "a call today")}.
            The details are on the referral's timeline in the dashboard.

            {venueName}
            """);
}
