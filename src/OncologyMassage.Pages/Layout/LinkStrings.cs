namespace OncologyMassage.Pages.Layout;

/// <summary>
/// The refusals every client link can give, whichever page it is for (Languages/ClientPages.resx, Link_*), in
/// the page's language: the referral's when the link names a known referral, otherwise the browser's among the languages
/// that have files (<see cref="PageLanguage.UseFirstOffered"/>).
/// </summary>
public static class LinkStrings
{
    public static string NotValid => PageText.Get("Link_NotValid");
    public static string NotValidDetail => PageText.Get("Link_NotValidDetail");
    public static string Expired => PageText.Get("Link_Expired");
    public static string ExpiredDetail => PageText.Get("Link_ExpiredDetail");
    public static string Closed => PageText.Get("Link_Closed");
    public static string ClosedDetail => PageText.Get("Link_ClosedDetail");
    public static string TooManyAttempts => PageText.Get("Link_TooManyAttempts");
    public static string TooManyAttemptsDetail(int minutes) => PageText.Format("Link_TooManyAttemptsDetail", minutes);
    public static string SessionGiven => PageText.Get("Link_SessionGiven");
    public static string SessionGivenDetail => PageText.Get("Link_SessionGivenDetail");
}
