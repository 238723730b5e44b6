namespace OncologyMassage.Workflow.Messaging;

/// <summary>
/// The texts the inbound SMS webhook answers with (TwiML). Venue-neutral and free of anything clinical: they go to
/// whoever holds the phone.
/// </summary>
public static class SmsAutoReplies
{
    public const string OptedOut =
        "You will get no more texts from our oncology massage programme. Reply START to receive them again.";

    public const string OptedIn =
        "Texts from our oncology massage programme are on again. Reply STOP to stop them, HELP for help.";

    public const string Help =
        "This number sends appointment and follow-up texts for our oncology massage programme. Reply STOP to stop texts. "
        + "For medical concerns, call your oncology team.";

    public const string NotExpected =
        "Thank you for your message. We have passed it on to our team, who will contact you if needed. "
        + "For medical concerns, call your oncology team.";

    public const string Thanks = "Thank you, we have your reply.";
}
