namespace OncologyMassage.Domain.Referrals;

/// <summary>How the client prefers to be reached.</summary>
public enum ContactChannel
{
    Sms,
    Email,
}
