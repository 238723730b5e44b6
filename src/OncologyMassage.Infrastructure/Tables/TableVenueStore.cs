using System.Text.Json;
using Azure.Data.Tables;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Venues as data: PartitionKey "venue", RowKey = venue id (a read by id is a point read, the list one partition).
/// Scalars are columns; the therapists' weekly windows are one JSON column (AppJson). Invalid venue data is refused
/// before it is written.
/// </summary>
public sealed class TableVenueStore(StorageTables tables) : IVenueStore
{
    private const string Partition = "venue";

    public async Task<Venue?> GetAsync(string venueId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(venueId) || !System.Text.RegularExpressions.Regex.IsMatch(venueId, VenueValidator.IdPattern))
        {
            return null; // not a venue id (and not a safe key): nothing to read
        }

        var table = await tables.GetAsync(StorageTables.Venues, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, venueId, cancellationToken: cancellationToken);
        return row.HasValue ? ToVenue(row.Value!) : null;
    }

    public async Task<IReadOnlyList<Venue>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Venues, cancellationToken);
        var venues = new List<Venue>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            venues.Add(ToVenue(row));
        }

        return venues;
    }

    public async Task UpsertAsync(Venue venue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(venue);
        var errors = VenueValidator.ErrorsOf(venue);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"Venue {venue.Id} is not valid: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}", nameof(venue));
        }

        var table = await tables.GetAsync(StorageTables.Venues, cancellationToken);
        var row = new TableEntity(Partition, venue.Id)
        {
            [nameof(Venue.Name)] = venue.Name,
            [nameof(Venue.Type)] = venue.Type.ToString(),
            [nameof(Venue.TimeZone)] = venue.TimeZone,
            [nameof(Venue.AddressOrServiceArea)] = venue.AddressOrServiceArea,
            [nameof(Venue.CoordinatorEmail)] = venue.CoordinatorEmail,
            ["SessionMinutes"] = (int)venue.SessionLength.TotalMinutes,
            ["ConsentVersion"] = venue.Consent.Version,
            ["ConsentTitle"] = venue.Consent.Title,
            ["ConsentText"] = venue.Consent.Text,
            [nameof(Venue.Therapists)] = JsonSerializer.Serialize(venue.Therapists, AppJson.Options),
            [nameof(Venue.Phone)] = venue.Phone,
            [nameof(Venue.Directions)] = venue.Directions,
        };
        if (venue.BackupContact is { } backup)
        {
            row["BackupName"] = backup.Name;
            row["BackupEmail"] = backup.Email;
            row["BackupPhone"] = backup.Phone;
        }

        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    private static Venue ToVenue(TableEntity e) => new(
        e.RowKey,
        e.GetString(nameof(Venue.Name)),
        Enum.Parse<VenueType>(e.GetString(nameof(Venue.Type))),
        e.GetString(nameof(Venue.TimeZone)),
        e.GetString(nameof(Venue.AddressOrServiceArea)),
        e.GetString(nameof(Venue.CoordinatorEmail)),
        new ConsentDocument(e.GetString("ConsentVersion"), e.GetString("ConsentTitle"), e.GetString("ConsentText")),
        JsonSerializer.Deserialize<TherapistAvailability[]>(e.GetString(nameof(Venue.Therapists)), AppJson.Options)
            ?? throw new InvalidDataException($"Venue row {e.RowKey} has no therapists."))
    {
        SessionLength = TimeSpan.FromMinutes(e.GetInt32("SessionMinutes") ?? 60),
        BackupContact = e.GetString("BackupEmail") is { Length: > 0 } email
            ? new VenueContact(e.GetString("BackupName") ?? "", email, e.GetString("BackupPhone") ?? "")
            : null,
        Phone = e.GetString(nameof(Venue.Phone)),
        Directions = e.GetString(nameof(Venue.Directions)),
    };
}
