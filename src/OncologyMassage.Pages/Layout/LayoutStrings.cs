namespace OncologyMassage.Pages.Layout;

/// <summary>The words the shared layout and form parts show (one place, for the Spanish pages to replace).</summary>
internal static class LayoutStrings
{
    public const string Language = "en";
    public const string CorrectTheFollowing = "Please correct the following:";
    public const string NotAnswered = "Not answered";
    public const string NoChoice = "—";
}
