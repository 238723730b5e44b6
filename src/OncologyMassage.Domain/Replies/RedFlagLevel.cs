namespace OncologyMassage.Domain.Replies;

/// <summary>How urgent a reply is (DOMAIN.md, "Follow-up timing and red flags"). Ordered: a higher value is more urgent.</summary>
public enum RedFlagLevel
{
    None,

    /// <summary>Coordinator alerted, care team told within a business day, referral marked.</summary>
    SameDay,

    /// <summary>The client is told to call the triage line or emergency services now; the coordinator is alerted at once.</summary>
    Immediate,
}
