namespace OncologyMassage.Domain.Venues;

/// <summary>A person a venue names for urgent matters, e.g. the backup contact a red flag escalates to when the coordinator has not acknowledged it.</summary>
public sealed record VenueContact(string Name, string Email, string Phone);
