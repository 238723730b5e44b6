using OncologyMassage.Domain.Venues;
using OncologyMassage.IntegrationTests.Infrastructure;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>No double booking on real Table Storage: the slot row's insert decides, releases are ETag-checked deletes.</summary>
public sealed class TableBookingStoreTests(AzuriteFixture azurite)
{
    private readonly TableStores stores = new(azurite);

    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(-5));

    private static Slot SlotAt(DateTimeOffset start, string therapist = "maya-chen") =>
        new("harbor-infusion-center", therapist, start, start.AddMinutes(30));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryBookAsync_EightReferralsRaceForOneSlotFromSeparateHosts_ExactlyOneWins()
    {
        var slot = SlotAt(Start);

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => stores.Bookings().TryBookAsync(slot, $"ref-{i}", Ct)));

        Assert.Single(results, r => r);
        var winner = $"ref-{Array.IndexOf(results, true) + 1}";
        var booking = Assert.Single(await stores.Bookings().ListAsync(slot.VenueId, Start.AddDays(-1), Start.AddDays(1), Ct));
        Assert.Equal((slot.Id, winner), (booking.Slot.Id, booking.ReferralId));
        Assert.Equal(slot.Id, (await stores.Bookings().FindAsync(slot.VenueId, winner, Ct))?.Slot.Id);
    }

    [Fact]
    public async Task TryBookAsync_SameReferralAgain_IsTrueAndKeepsOneBooking()
    {
        var store = stores.Bookings();
        var slot = SlotAt(Start);

        var first = await store.TryBookAsync(slot, "ref-a", Ct);
        var again = await store.TryBookAsync(slot, "ref-a", Ct);

        Assert.True(first && again);
        var booking = Assert.Single(await store.ListAsync(slot.VenueId, Start.AddDays(-1), Start.AddDays(1), Ct));
        Assert.Equal(("ref-a", slot.StartsAt, slot.EndsAt), (booking.ReferralId, booking.Slot.StartsAt, booking.Slot.EndsAt));
    }

    [Fact]
    public async Task TryBookAsync_SlotHeldByAnotherReferral_IsFalseAndLeavesTheHolder()
    {
        var store = stores.Bookings();
        var slot = SlotAt(Start);
        await store.TryBookAsync(slot, "ref-a", Ct);

        var second = await store.TryBookAsync(slot, "ref-b", Ct);

        Assert.False(second);
        Assert.Null(await store.FindAsync(slot.VenueId, "ref-b", Ct));
        Assert.Equal("ref-a", (await store.FindAsync(slot.VenueId, "ref-a", Ct))?.ReferralId);
    }

    [Fact]
    public async Task ReleaseAsync_BookedSlot_IsFreeToBookAgain()
    {
        var store = stores.Bookings();
        var slot = SlotAt(Start);
        await store.TryBookAsync(slot, "ref-a", Ct);

        await store.ReleaseAsync(slot.VenueId, "ref-a", Ct);
        var rebooked = await store.TryBookAsync(slot, "ref-b", Ct);

        Assert.True(rebooked);
        Assert.Null(await store.FindAsync(slot.VenueId, "ref-a", Ct));
        Assert.Equal("ref-b", Assert.Single(await store.ListAsync(slot.VenueId, Start.AddDays(-1), Start.AddDays(1), Ct)).ReferralId);
    }

    [Fact]
    public async Task ReleaseAsync_RepeatedAfterAnotherReferralBookedTheSlot_LeavesTheNewBooking()
    {
        var store = stores.Bookings();
        var slot = SlotAt(Start);
        await store.TryBookAsync(slot, "ref-a", Ct);
        await store.ReleaseAsync(slot.VenueId, "ref-a", Ct);
        await store.TryBookAsync(slot, "ref-b", Ct);

        await store.ReleaseAsync(slot.VenueId, "ref-a", Ct);

        Assert.Equal("ref-b", (await store.FindAsync(slot.VenueId, "ref-b", Ct))?.ReferralId);
        Assert.False(await store.TryBookAsync(slot, "ref-c", Ct));
    }

    [Fact]
    public async Task ReleaseAsync_ReferralWithNoBooking_DoesNothing()
    {
        var store = stores.Bookings();
        await store.TryBookAsync(SlotAt(Start), "ref-a", Ct);

        await store.ReleaseAsync("harbor-infusion-center", "ref-none", Ct);
        await store.ReleaseAsync("harbor-infusion-center", "ref-none", Ct);

        Assert.Equal("ref-a", Assert.Single(await store.ListAsync("harbor-infusion-center", Start.AddDays(-1), Start.AddDays(1), Ct)).ReferralId);
    }

    [Fact]
    public async Task ListAsync_Range_ReturnsOnlySlotsStartingInsideItAtThatVenue()
    {
        var store = stores.Bookings();
        await store.TryBookAsync(SlotAt(Start), "ref-a", Ct);
        await store.TryBookAsync(SlotAt(Start.AddDays(1)), "ref-b", Ct);
        await store.TryBookAsync(SlotAt(Start.AddDays(2)), "ref-c", Ct);
        await store.TryBookAsync(SlotAt(Start.AddDays(1)) with { VenueId = "willow-spa-retreat" }, "ref-d", Ct);

        var listed = await store.ListAsync("harbor-infusion-center", Start.AddDays(1), Start.AddDays(2), Ct);

        Assert.Equal(["ref-b"], listed.Select(b => b.ReferralId));
    }
}
