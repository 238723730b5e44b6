using System.Globalization;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Domain.Messages;

/// <summary>
/// The texts the SMS webhook answers with, in the client's language (Languages/ClientMessages.resx, keys AutoReply_*).
/// Venue-neutral and free of anything clinical: they go to whoever holds the phone.
/// </summary>
public static class AutoReplies
{
    public static string OptedOut(CultureInfo language) => ClientText.Get(language, "AutoReply_OptedOut");

    public static string OptedIn(CultureInfo language) => ClientText.Get(language, "AutoReply_OptedIn");

    public static string Help(CultureInfo language) => ClientText.Get(language, "AutoReply_Help");

    public static string NotExpected(CultureInfo language) => ClientText.Get(language, "AutoReply_NotExpected");

    public static string Thanks(CultureInfo language) => ClientText.Get(language, "AutoReply_Thanks");
}
