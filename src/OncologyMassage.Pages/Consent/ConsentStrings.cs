using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Consent;

/// <summary>Every word of the consent and withdrawal pages, their validation and their refusals (Languages/ClientPages.resx, Consent_*), in the client's language.</summary>
public static class ConsentStrings
{
    public static string Title => PageText.Get("Consent_Title");

    public static string Hello(string givenName) => PageText.Format("Consent_Hello", givenName);

    public static string SignBy(DateTimeOffset respondBy) => PageText.Format("Consent_SignBy", respondBy);

    public static string DocumentVersion(string version) => PageText.Format("Consent_DocumentVersion", version);

    public static string WhereWeVisit => PageText.Get("Consent_WhereWeVisit");
    public static string WeCover(string area) => PageText.Format("Consent_WeCover", area);
    public static string VisitAddress => PageText.Get("Consent_VisitAddress");
    public static string VisitAddressHint => PageText.Get("Consent_VisitAddressHint");
    public static string ConfirmAddress => PageText.Get("Consent_ConfirmAddress");
    public static string YourSignature => PageText.Get("Consent_YourSignature");
    public static string SignerName => PageText.Get("Consent_SignerName");
    public static string Agree => PageText.Get("Consent_Agree");
    public static string Sign => PageText.Get("Consent_Sign");
    public static string OnceOnly => PageText.Get("Consent_OnceOnly");

    public static string ErrorSignerName => PageText.Get("Consent_ErrorSignerName");
    public static string ErrorAgree => PageText.Get("Consent_ErrorAgree");
    public static string ErrorVisitAddress => PageText.Get("Consent_ErrorVisitAddress");
    public static string ErrorDocumentChanged => PageText.Get("Consent_ErrorDocumentChanged");

    public static string ThankYou => PageText.Get("Consent_ThankYou");
    public static string Recorded => PageText.Get("Consent_Recorded");

    public static string DocumentChanged => PageText.Get("Consent_DocumentChanged");
    public static string DocumentChangedDetail(string version) => PageText.Format("Consent_DocumentChangedDetail", version);
    public static string AlreadySigned => PageText.Get("Consent_AlreadySigned");
    public static string AlreadySignedDetail => PageText.Get("Consent_AlreadySignedDetail");
    public static string VenueNotFound => PageText.Get("Consent_VenueNotFound");
    public static string VenueNotFoundDetail => PageText.Get("Consent_VenueNotFoundDetail");

    public static string WithdrawTitle => PageText.Get("Consent_WithdrawTitle");
    public static string WithdrawHeading => PageText.Get("Consent_WithdrawHeading");
    public static string WithdrawIntro(string givenName, string venueName) => PageText.Format("Consent_WithdrawIntro", givenName, venueName);
    public static string WithdrawReason => PageText.Get("Consent_WithdrawReason");
    public static string Withdraw => PageText.Get("Consent_Withdraw");
    public static string ErrorReasonTooLong(int max) => PageText.Format("Consent_ErrorReasonTooLong", max);
    public static string Withdrawn => PageText.Get("Consent_Withdrawn");
    public static string WithdrawnDetail(string venueName) => PageText.Format("Consent_WithdrawnDetail", venueName);
    public static string TheVenue => PageText.Get("Consent_TheVenue");
    public static string NotSigned => PageText.Get("Consent_NotSigned");
    public static string NotSignedDetail => PageText.Get("Consent_NotSignedDetail");
    public static string AlreadyWithdrawn => PageText.Get("Consent_AlreadyWithdrawn");
    public static string AlreadyWithdrawnDetail => PageText.Get("Consent_AlreadyWithdrawnDetail");
    public static string Closed => PageText.Get("Consent_Closed");
    public static string ClosedDetail => PageText.Get("Consent_ClosedDetail");
}
