namespace OncologyMassage.Domain.Messages;

/// <summary>
/// Every message body the workflow sends. Bodies name the venue, the action and a link, and nothing the clinic knows
/// about the client's health — not even the client's name, since a name next to "oncology" already discloses a diagnosis.
/// </summary>
public static class MessageTemplates
{
    public static EmailContent MdReleaseRequest(string venueName, Uri releaseLink, DateTimeOffset respondBy)
    {
        ArgumentNullException.ThrowIfNull(releaseLink);
        return new EmailContent(
            Subject: $"Release requested for a referral to {venueName}",
            TextBody: $"""
                Hello,

                Your practice referred a client to {venueName}. Before the first session we need your release.
                Please review the proposed service and decide (approve, approve with restrictions, or decline) here:

                {releaseLink}

                The link is personal to you; please respond by {respondBy:yyyy-MM-dd}.
                For privacy this email carries no client details; they are shown after you open the link.

                {venueName}
                """);
    }
}
