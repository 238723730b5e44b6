using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Messages;

namespace OncologyMassage.Workflow.Messaging;

/// <summary>
/// The texts the inbound SMS webhook answers with (TwiML), in English; <see cref="AutoReplies"/> gives them in the client's
/// language (Languages/ClientMessages.resx and its translations). Venue-neutral and free of anything clinical: they go to
/// whoever holds the phone.
/// </summary>
public static class SmsAutoReplies
{
    public static string OptedOut => AutoReplies.OptedOut(ClientLanguages.Default);

    public static string OptedIn => AutoReplies.OptedIn(ClientLanguages.Default);

    public static string Help => AutoReplies.Help(ClientLanguages.Default);

    public static string NotExpected => AutoReplies.NotExpected(ClientLanguages.Default);

    public static string Thanks => AutoReplies.Thanks(ClientLanguages.Default);
}
