using System.Globalization;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Pages.Survey;

/// <summary>Every word of the follow-up survey slice: headings, labels, validation messages, refusals.</summary>
public static class SurveyStrings
{
    public const string Title = "Follow-up";
    public const string Heading = "How have you been since your session?";

    /// <summary>The greeting, with which follow-up of which session this is.</summary>
    public static string Intro(string givenName, FollowUpKind kind, int sessionNumber) =>
        $"Hello {givenName}. {When(kind, sessionNumber)} Your answers help your therapist plan the next one. "
        + "Answer only what you want to; a blank answer is simply not counted.";

    /// <summary>Which follow-up of which session this is: "It is the day after your session 2."</summary>
    public static string When(FollowUpKind kind, int sessionNumber) => kind switch
    {
        FollowUpKind.Sms24Hours => string.Create(CultureInfo.InvariantCulture, $"It is the day after your session {sessionNumber}."),
        FollowUpKind.Email7Days => string.Create(CultureInfo.InvariantCulture, $"A week has passed since your session {sessionNumber}."),
        _ => string.Create(CultureInfo.InvariantCulture, $"A month has passed since your session {sessionNumber}."),
    };

    public const string RightNow = "Right now (0 = none, 10 = worst)";
    public const string NotAnswered = "Not answered";
    public const string SinceTheSession = "Since the session";
    public const string Changes = "Any swelling or skin change since the session? Anything else we should know?";
    public const string Send = "Send";
    public const string NotReadAtOnce = "If you feel very unwell, call your oncology team's triage line or emergency services: this form is not read at once.";

    public static string Item(FollowUpItem item) => item switch
    {
        FollowUpItem.Pain => "Pain",
        FollowUpItem.Tiredness => "Tiredness",
        FollowUpItem.Nausea => "Nausea",
        FollowUpItem.Anxiety => "Worry or anxiety",
        FollowUpItem.WellBeing => "Well-being (0 = best, 10 = worst)",
        _ => "Sleep problems (0 = sleeping well, 10 = worst)",
    };

    public const string ThankYou = "Thank you";
    public const string Recorded = "Your answers are recorded. Your therapist will read them before your next session.";

    public const string AlreadyAnswered = "You have answered already";
    public const string AlreadyAnsweredDetail = "Thank you: your answer to this question is recorded. If something has changed, tell the venue.";
    public const string Closed = "This question is closed";
    public const string ClosedDetail = "The time to answer this question has passed, so it can no longer be filled in. A later question comes with its own link. "
        + "If something worries you now, tell the venue; if you feel very unwell, call your oncology team's triage line or emergency services.";
    public const string Replaced = "This link has been replaced";
    public const string ReplacedDetail = "This link is from an older message and does not say which question it answers. Use the link in the newest message from the venue.";

    public const string ErrorScore = "Choose a number from 0 to 10, or leave it blank.";
    public const string ErrorNothingAnswered = "Answer at least one question, or tell us in the box how you have been.";
    public static string ErrorTooLong(int max) => $"Please keep this to {max} characters.";
}
