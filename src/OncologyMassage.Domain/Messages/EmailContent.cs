namespace OncologyMassage.Domain.Messages;

/// <summary>A rendered email: subject and plain-text body. Never carries health information (DOMAIN.md, "Messages").</summary>
public sealed record EmailContent(string Subject, string TextBody);
