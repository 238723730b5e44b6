using System.Globalization;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Domain.Messages;

/// <summary>
/// Every message body the workflow sends. Bodies name the venue, the action and a link, and nothing the clinic knows
/// about the client's health — not even the client's name, since a name next to "oncology" already discloses a diagnosis.
/// What a client receives is written in the client's language, from Languages/ClientMessages.resx and its translations
/// (the <see cref="CultureInfo"/> from <see cref="ClientLanguages.Resolve"/>); what the care team and staff receive stays
/// English, here in code.
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
    public static string IntakeInvitationSms(CultureInfo language, string venueName, Uri intakeLink, bool reminder) =>
        ClientText.Format(language, reminder ? "IntakeReminder_Sms" : "IntakeInvitation_Sms", venueName, intakeLink);

    /// <summary>To the client: the intake form link (email).</summary>
    public static EmailContent IntakeInvitationEmail(CultureInfo language, string venueName, Uri intakeLink, bool reminder)
    {
        ArgumentNullException.ThrowIfNull(intakeLink);
        return new EmailContent(
            Subject: ClientText.Format(language, reminder ? "IntakeReminder_EmailSubject" : "IntakeInvitation_EmailSubject", venueName),
            TextBody: ClientText.Format(language, reminder ? "IntakeReminder_EmailBody" : "IntakeInvitation_EmailBody", venueName, intakeLink));
    }

    /// <summary>To the client: up to three slots, answered with 1, 2 or 3. Times are in the client's time zone.</summary>
    public static string SlotOfferSms(CultureInfo language, string venueName, IReadOnlyList<DateTimeOffset> localStarts)
    {
        ArgumentNullException.ThrowIfNull(localStarts);
        var choices = string.Join(
            ClientText.Get(language, "SlotOffer_SmsSeparator"),
            localStarts.Select((s, i) => ClientText.Format(language, "SlotOffer_SmsChoice", i + 1, s)));
        var numbers = string.Join(", ", Enumerable.Range(1, localStarts.Count).Select(n => n.ToString(language)));
        return ClientText.Format(language, "SlotOffer_Sms", venueName, numbers, choices);
    }

    /// <summary>To the client by email when they cannot be texted: the slots, to answer by phone with the venue.</summary>
    public static EmailContent SlotOfferEmail(CultureInfo language, string venueName, IReadOnlyList<DateTimeOffset> localStarts)
    {
        ArgumentNullException.ThrowIfNull(localStarts);
        var choices = string.Join(Environment.NewLine, localStarts.Select((s, i) => ClientText.Format(language, "SlotOffer_EmailChoice", i + 1, s)));
        return new EmailContent(
            Subject: ClientText.Format(language, "SlotOffer_EmailSubject", venueName),
            TextBody: ClientText.Format(language, "SlotOffer_EmailBody", venueName, choices));
    }

    /// <summary>To the client: the slot is booked.</summary>
    public static string BookingConfirmedSms(CultureInfo language, string venueName, DateTimeOffset localStart) =>
        ClientText.Format(language, "BookingConfirmed_Sms", venueName, localStart);

    /// <summary>To the client: the consent form before the first session (SMS).</summary>
    public static string ConsentRequestSms(CultureInfo language, string venueName, Uri consentLink) =>
        ClientText.Format(language, "ConsentRequest_Sms", venueName, consentLink);

    /// <summary>To the client: the consent form before the first session (email).</summary>
    public static EmailContent ConsentRequestEmail(CultureInfo language, string venueName, Uri consentLink)
    {
        ArgumentNullException.ThrowIfNull(consentLink);
        return new EmailContent(
            Subject: ClientText.Format(language, "ConsentRequest_EmailSubject", venueName),
            TextBody: ClientText.Format(language, "ConsentRequest_EmailBody", venueName, consentLink));
    }

    /// <summary>
    /// To the client at once when something they answered on a form needs a clinician now (an immediate red flag): the same
    /// advice a text reply gets, naming nothing of what they wrote.
    /// </summary>
    public static string UrgentAdviceSms(CultureInfo language, string venueName) =>
        ClientText.Format(language, "UrgentAdvice_Sms", venueName);

    /// <summary>The urgent advice by email, for a client without texts.</summary>
    public static EmailContent UrgentAdviceEmail(CultureInfo language, string venueName) => new(
        Subject: ClientText.Format(language, "UrgentAdvice_EmailSubject", venueName),
        TextBody: ClientText.Format(language, "UrgentAdvice_EmailBody", venueName));

    /// <summary>
    /// The +24 h and +30 d follow-up question: generic, no symptom the clinic knows of. It names the session it follows, so
    /// a client in a series knows which one a reply is about (the reply is filed under that follow-up).
    /// </summary>
    public static string FollowUpSms(CultureInfo language, string venueName, bool longTerm, int sessionNumber) =>
        ClientText.Format(language, longTerm ? "FollowUpMonth_Sms" : "FollowUpDay_Sms", venueName, sessionNumber);

    /// <summary>
    /// A follow-up by email (the +7 day survey, and the +24 h and +30 d questions for a client without texts): a link to the
    /// short web form for that follow-up of that session.
    /// </summary>
    public static EmailContent FollowUpSurveyEmail(CultureInfo language, string venueName, Uri surveyLink, int sessionNumber, int daysAfter)
    {
        ArgumentNullException.ThrowIfNull(surveyLink);
        var elapsed = Elapsed(language, daysAfter);
        return new EmailContent(
            Subject: ClientText.Format(language, "FollowUpSurvey_EmailSubject", venueName, elapsed),
            TextBody: ClientText.Format(language, "FollowUpSurvey_EmailBody", venueName, sessionNumber, elapsed, surveyLink));
    }

    private static string Elapsed(CultureInfo language, int days) => days switch
    {
        <= 1 => ClientText.Get(language, "Elapsed_Day"),
        7 => ClientText.Get(language, "Elapsed_Week"),
        >= 28 and <= 31 => ClientText.Get(language, "Elapsed_Month"),
        _ => ClientText.Format(language, "Elapsed_Days", days),
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
