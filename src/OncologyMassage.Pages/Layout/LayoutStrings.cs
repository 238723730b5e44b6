namespace OncologyMassage.Pages.Layout;

/// <summary>The words the shared layout and form parts show (Languages/ClientPages.resx, Layout_*), in the page's language.</summary>
internal static class LayoutStrings
{
    public static string Language => PageText.Get("Layout_Language");
    public static string CorrectTheFollowing => PageText.Get("Layout_CorrectTheFollowing");
    public static string NotAnswered => PageText.Get("Layout_NotAnswered");
    public const string NoChoice = "—";
}
