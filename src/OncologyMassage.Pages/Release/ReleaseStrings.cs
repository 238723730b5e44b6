using System.Globalization;

namespace OncologyMassage.Pages.Release;

/// <summary>Every word of the release and hold-question pages, and of their validation, in one place.</summary>
public static class ReleaseStrings
{
    public const string Title = "MD release";

    public static string Heading(bool question, string service) => question ? $"A question about the plan for {service}" : $"Release for {service}";

    public const string Referred = " referred ";
    public static string Born(DateOnly dateOfBirth) => string.Create(CultureInfo.InvariantCulture, $" (born {dateOfBirth:yyyy-MM-dd}) to ");
    public static string ForSessions(string service, int sessions, DateTimeOffset respondBy) =>
        string.Create(CultureInfo.InvariantCulture, $" for {service}, {sessions} session(s). Please answer by {respondBy:yyyy-MM-dd}.");

    public const string WhatTheReferralSaid = "What the referral told us";
    public static string Diagnosis(string cancerType) => $"Diagnosis: {cancerType}";
    public static string Treatment(string treatment, DateOnly from, DateOnly? to) =>
        string.Create(CultureInfo.InvariantCulture, $"{treatment} from {from:yyyy-MM-dd}{(to is { } end ? $" to {end:yyyy-MM-dd}" : "")}");

    public const string WhatWeNeed = "What we need you to answer";
    public const string ChooseBelow = "Choose below: proceed with the plan (the holds are cleared), proceed with further limits, or not advisable now.";
    public const string ThePlanWePropose = "The plan we propose";

    public const string WaltonHeading = "Pressure levels we use (Walton scale)";
    public const string WaltonLevel = "Level";
    public const string WaltonFeel = "What it feels like";
    public static IReadOnlyList<string> WaltonLevels { get; } =
    [
        "Still, weightless hold",
        "Light lotioning (spreading aloe on a sunburn)",
        "Heavier lotioning: skin moves, muscle is not worked",
        "Moderate, standard Swedish massage",
        "Deep",
        "Very deep",
    ];

    public const string YourAnswer = "Your answer";
    public const string Approve = "No contraindications: proceed with the plan above";
    public const string Restrict = "Modify as follows (the limits below are added to the plan)";
    public const string Decline = "Not advisable now (give the reason below)";

    public const string ModifyAsFollows = "Modify as follows";
    public const string MaxPressure = "Maximum pressure, whole body";
    public const string NoWholeBodyLimit = "No whole-body limit";
    public static string AtMostLevel(int level) => string.Create(CultureInfo.InvariantCulture, $"Level {level} or less");
    public static string SiteRestriction(int number) => string.Create(CultureInfo.InvariantCulture, $"Site restriction {number}");
    public const string Region = "Region";
    public const string Side = "Side";
    public const string LimitThere = "Limit there";
    public const string NoContact = "No contact";
    public const string PositionsToAvoid = "Positions to avoid";
    public const string MaxMinutes = "Longest session, minutes (10–120)";
    public const string PrecautionsToAdd = "Precautions to add";
    public const string Conditions = "Conditions, one per line";

    public const string Comments = "Comments";
    public const string Reason = "If not advisable: the reason";
    public const string Recommendations = "Recommendations (optional)";

    public const string Signature = "Signature";
    public const string PhysicianName = "Your full name";
    public const string PhysicianContact = "Phone or email for questions (optional)";
    public const string SignAgain = "Sign by typing your full name again";
    public const string Attest = "I am the client's treating physician, or act on their behalf, and this is my decision.";
    public const string Send = "Send my decision";
    public const string OnceOnly = "This link works once and expires. It was sent only to you; please do not forward it.";

    public const string ErrorDecision = "Choose one: no contraindications, modify as follows, or not advisable.";
    public const string ErrorPhysicianName = "Enter your name (up to 200 characters).";
    public const string ErrorSignature = "Type your full name exactly as above to sign.";
    public const string ErrorAttest = "Confirm that you are the client's treating physician or their delegate.";
    public const string ErrorMaxPressure = "Maximum pressure is a Walton level from 0 to 5.";
    public const string ErrorMaxMinutes = "Session length is between 10 and 120 minutes.";
    public const string ErrorSiteRegion = "Choose a body region for this site restriction.";
    public const string ErrorSiteLimit = "Choose the side and either \"no contact\" or a Walton level 0–5.";
    public const string ErrorPosition = "Unknown position.";
    public const string ErrorPrecaution = "Unknown precaution code.";
    public const string ErrorRestrictNeedsLimit = "\"Modify as follows\" needs at least one restriction: a pressure limit, a site, a position, a session length, a precaution or a condition.";
    public const string ErrorReason = "Give the reason massage is not advisable now, so the venue can tell the client and plan what is possible.";
    public const string ErrorTooLong = "Free-text fields hold up to 4,000 characters.";

    public const string ThankYou = "Thank you";
    public const string RecordedDeclined = "Your decision is recorded. The venue will let the client know that massage is not advisable now.";
    public const string RecordedApproved = "Your release is recorded. The venue will arrange the intake evaluation and keep you informed.";

    public const string AlreadyDecided = "A decision was already recorded";
    public const string AlreadyDecidedDetail = "This release was answered already; the link works once. Contact the venue to change the answer.";
    public static string AlreadyDecidedOn(DateTimeOffset signedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"This release was answered on {signedAt:yyyy-MM-dd}; the link works once. Contact the venue to change the answer.");

    public const string NotValid = "This link is not valid";
    public const string NotValidDetail = "Check that the whole link was copied from the email, or ask the venue to send it again.";
    public const string Expired = "This link has expired";
    public const string ExpiredDetail = "The time to answer this release has passed. Contact the venue if the client should still be seen.";
    public const string NotAwaiting = "This referral no longer needs a release";
    public static string NotAwaitingDetail(bool closed) =>
        $"The referral is {(closed ? "closed" : "past this step")}. Contact the venue with any question.";
}
