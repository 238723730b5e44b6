namespace OncologyMassage.Domain.Venues;

/// <summary>
/// How slots are offered: the first one starts at least <see cref="LeadTime"/> after "now" (time for the therapist to
/// read the plan), none starts later than <see cref="Horizon"/> after it, and <see cref="Count"/> are offered at once.
/// </summary>
public sealed record SlotRules(TimeSpan LeadTime, TimeSpan Horizon, int Count)
{
    public static SlotRules Default { get; } = new(TimeSpan.FromHours(24), TimeSpan.FromDays(21), 3);
}
