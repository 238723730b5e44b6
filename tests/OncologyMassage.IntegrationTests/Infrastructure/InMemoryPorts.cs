using System.Collections.Concurrent;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Infrastructure;

// Small in-test implementations of ports whose Table Storage adapters are built in parallel work. The tests use them
// only through the interfaces (seed with UpsertAsync, check with FindAsync/ListSessionsAsync), so they hold for the
// table adapters too once those are registered.

internal sealed class InMemoryVenueStore : IVenueStore
{
    private readonly ConcurrentDictionary<string, Venue> venues = new(StringComparer.Ordinal);

    public Task<Venue?> GetAsync(string venueId, CancellationToken cancellationToken) => Task.FromResult(venues.GetValueOrDefault(venueId));

    public Task<IReadOnlyList<Venue>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Venue>>(venues.Values.ToArray());

    public Task UpsertAsync(Venue venue, CancellationToken cancellationToken)
    {
        venues[venue.Id] = venue;
        return Task.CompletedTask;
    }
}

internal sealed class InMemoryBookingStore : IBookingStore
{
    private readonly ConcurrentDictionary<(string Venue, string SlotId), Booking> bookings = new();

    public Task<IReadOnlyList<Booking>> ListAsync(string venueId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Booking>>(bookings.Values.Where(b => b.Slot.VenueId == venueId && b.Slot.StartsAt >= fromUtc && b.Slot.StartsAt < toUtc).ToArray());

    public Task<bool> TryBookAsync(Slot slot, string referralId, CancellationToken cancellationToken)
    {
        var booking = bookings.GetOrAdd((slot.VenueId, slot.Id), new Booking(slot, referralId, DateTimeOffset.UtcNow));
        return Task.FromResult(booking.ReferralId == referralId);
    }

    public Task ReleaseAsync(string venueId, string referralId, CancellationToken cancellationToken)
    {
        foreach (var key in bookings.Where(b => b.Key.Venue == venueId && b.Value.ReferralId == referralId).Select(b => b.Key).ToArray())
        {
            bookings.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public Task<Booking?> FindAsync(string venueId, string referralId, CancellationToken cancellationToken) =>
        Task.FromResult(bookings.Values.FirstOrDefault(b => b.Slot.VenueId == venueId && b.ReferralId == referralId));
}

internal sealed class InMemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<(string Referral, int Number), SessionRecord> sessions = new();
    private readonly ConcurrentDictionary<(string Referral, string Id), FollowUpRecord> followUps = new();

    public Task<bool> TryRecordSessionAsync(SessionRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(sessions.TryAdd((record.ReferralId, record.SessionNumber), record));

    public Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(string referralId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SessionRecord>>(sessions.Values.Where(s => s.ReferralId == referralId).OrderBy(s => s.SessionNumber).ToArray());

    public Task<IReadOnlyList<SessionRecord>> ListVenueSessionsAsync(string venueId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SessionRecord>>(sessions.Values.Where(s => s.VenueId == venueId).ToArray());

    public Task RecordFollowUpAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        followUps.TryAdd((record.ReferralId, record.FollowUpId), record);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string referralId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FollowUpRecord>>(followUps.Values.Where(f => f.ReferralId == referralId).ToArray());
}
