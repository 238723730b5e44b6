using System.Globalization;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Pages.Summary;

/// <summary>Every word of the care-team summary page.</summary>
public static class SummaryStrings
{
    public const string Title = "Care-team summary";

    public static string ReferredBy(DateOnly born, string oncologist, string venue) =>
        $" (born {born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}), referred by {oncologist} to {venue}. ";

    public static string Given(int given, int authorised) => string.Create(CultureInfo.InvariantCulture, $"{given} of {authorised}");

    public const string SessionsGiven = " authorised session(s) given.";
    public const string SessionsHeading = "Sessions and the adaptations used";
    public const string NoSession = "No session has been given yet.";
    public const string Session = "Session";
    public const string Date = "Date";
    public const string Pressure = "Pressure (Walton 0–5)";
    public const string SitesAvoided = "Sites avoided";
    public const string Position = "Position";
    public const string Reactions = "Reactions";
    public const string None = "none";
    public const string NoneReported = "none reported";

    public const string SymptomsHeading = "Symptoms before and after each session (0 none – 10 worst)";
    public const string Symptom = "Symptom";
    public const string MeanBefore = "Mean before";
    public const string MeanAfter = "Mean after";
    public const string Change = "Change";
    public const string N = "n";
    public const string NoPairedRatings = "no paired ratings";
    public const string AboutN = "n counts sessions rated both before and after; sessions with one rating only are left out, not imputed.";

    public const string FollowUpsHeading = "Follow-ups";
    public const string NoFollowUp = "No follow-up yet.";
    public const string AfterSession = "After session";
    public const string CheckIn = "Check-in";
    public const string Answer = "Answer";
    public const string RedFlag = "Red flag";
    public const string NoReply = "no reply";
    public const string NoRatings = "replied, no ratings";
    public const string Confidential = "This summary is confidential, for the client's care team. The link expires; ask the venue for a new one.";

    public static string Kind(FollowUpKind kind) => kind switch
    {
        FollowUpKind.Sms24Hours => "+24 h SMS",
        FollowUpKind.Email7Days => "+7 days survey",
        _ => "+30 days SMS",
    };

    /// <summary>The words of a red flag that needs action (shown strong); null when none.</summary>
    public static string? Flag(RedFlagLevel level) => level switch
    {
        RedFlagLevel.Immediate => "immediate",
        RedFlagLevel.SameDay => "same day",
        _ => null,
    };
}
