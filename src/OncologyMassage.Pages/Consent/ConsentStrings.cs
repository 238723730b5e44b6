using System.Globalization;

namespace OncologyMassage.Pages.Consent;

/// <summary>Every word of the consent and withdrawal pages, their validation and their refusals, in one place.</summary>
public static class ConsentStrings
{
    public const string Title = "Consent";

    public static string Hello(string givenName) => $"Hello {givenName}. Please read this consent for your sessions at ";

    public static string SignBy(DateTimeOffset respondBy) =>
        string.Create(CultureInfo.InvariantCulture, $" and sign it below by {respondBy:yyyy-MM-dd}. You can withdraw your consent at any time.");

    public static string DocumentVersion(string version) => $"Document version {version}";

    public const string WhereWeVisit = "Where we visit you";
    public static string WeCover(string area) => $"Our therapist comes to your home. We cover: {area}.";
    public const string VisitAddress = "Address of the visit";
    public const string VisitAddressHint = "Street, number, apartment, town, and anything the therapist needs to find you.";
    public const string ConfirmAddress = "This is the address where the therapist should visit me.";
    public const string YourSignature = "Your signature";
    public const string SignerName = "Your full name";
    public const string Agree = "I agree: I have read this consent and I give it.";
    public const string Sign = "Sign";
    public const string OnceOnly = "This link works once for signing. To withdraw later, open the same link and add /withdraw, or tell the venue.";

    public const string ErrorSignerName = "Type your full name to sign (up to 200 characters).";
    public const string ErrorAgree = "Tick \"I agree\" to give your consent.";
    public const string ErrorVisitAddress = "Give the address where the therapist should visit you, and confirm it.";
    public const string ErrorDocumentChanged = "The consent document was updated while you were reading. Please read this version and sign again.";

    public const string ThankYou = "Thank you";
    public const string Recorded = "Your consent is recorded. You can withdraw it at any time with the link in your message or by telling the venue.";

    public const string DocumentChanged = "The consent document has changed";
    public static string DocumentChangedDetail(string version) => $"Read version {version} and sign again.";
    public const string AlreadySigned = "Your consent was already signed";
    public const string AlreadySignedDetail = "This link works once for signing. To withdraw your consent, add /withdraw to the link or tell the venue.";
    public const string VenueNotFound = "The venue's consent is not available";
    public const string VenueNotFoundDetail = "Please contact the venue: its consent document could not be found.";

    public const string WithdrawTitle = "Withdraw consent";
    public const string WithdrawHeading = "Withdraw your consent";
    public static string WithdrawIntro(string givenName, string venueName) =>
        $"Hello {givenName}. If you withdraw, {venueName} will not give you further sessions and will cancel any booked one. Nothing you have told us is shared because of this.";
    public const string WithdrawReason = "Would you like to tell us why? (optional)";
    public const string Withdraw = "Withdraw my consent";
    public static string ErrorReasonTooLong(int max) => string.Create(CultureInfo.InvariantCulture, $"Please keep the reason to {max} characters.");
    public const string Withdrawn = "Your consent is withdrawn";
    public static string WithdrawnDetail(string venueName) =>
        $"{venueName} will not give you further sessions and will cancel any booked one. Contact the venue if you change your mind.";
    public const string TheVenue = "The venue";
    public const string NotSigned = "There is no consent to withdraw";
    public const string NotSignedDetail = "You have not signed the consent, so there is nothing to withdraw. Contact the venue if you do not want sessions.";
    public const string AlreadyWithdrawn = "Your consent was already withdrawn";
    public const string AlreadyWithdrawnDetail = "Contact the venue if you would like sessions again.";
    public const string Closed = "This referral is closed";
    public const string ClosedDetail = "There is nothing more to fill in. Contact the venue with any question.";
}
