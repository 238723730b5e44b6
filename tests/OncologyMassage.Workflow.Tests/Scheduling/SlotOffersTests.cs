using Moq;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Workflow.Tests.Scheduling;

public sealed class SlotOffersTests
{
    /// <summary>Wednesday 25 November 2026, 09:00 in New York.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    private static readonly Venue Venue = new(
        "harbor-infusion-center", "Harbor Infusion Center", VenueType.InfusionCenter, "America/New_York", "Boston", "c@example.org",
        new ConsentDocument("2026-11", "Consent", "Text"),
        [new TherapistAvailability("maya", "Maya", [.. new[] { DayOfWeek.Monday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WeeklyWindow(d, new TimeOnly(9, 0), new TimeOnly(11, 0)))])]);

    private readonly Mock<IVenueStore> venues = new(MockBehavior.Strict);
    private readonly Mock<IBookingStore> bookings = new(MockBehavior.Strict);
    private readonly List<Booking> booked = [];
    private (DateTimeOffset From, DateTimeOffset To)? listed;

    public SlotOffersTests()
    {
        venues.Setup(v => v.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((Venue?)null);
        venues.Setup(v => v.GetAsync(Venue.Id, It.IsAny<CancellationToken>())).ReturnsAsync(Venue);
        bookings.Setup(b => b.ListAsync(Venue.Id, It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, DateTimeOffset from, DateTimeOffset to, CancellationToken _) =>
            {
                listed = (from, to);
                return booked.Where(b => b.Slot.StartsAt >= from && b.Slot.StartsAt < to).ToList();
            });
    }

    private SlotOffers Offers(SchedulingOptions? options = null) =>
        new(venues.Object, bookings.Object, Microsoft.Extensions.Options.Options.Create(options ?? new SchedulingOptions()));

    private static DateTime Local(Slot slot) =>
        TimeZoneInfo.ConvertTime(slot.StartsAt, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime;

    [Fact]
    public async Task OfferAsync_NoBookings_OffersTheConfiguredNumberOnDifferentDays()
    {
        var slots = await Offers().OfferAsync(Venue.Id, Now, 0, CancellationToken.None);

        Assert.Equal([new DateTime(2026, 11, 26, 9, 0, 0), new DateTime(2026, 11, 27, 9, 0, 0), new DateTime(2026, 11, 30, 9, 0, 0)], slots.Select(Local));
    }

    [Fact]
    public async Task OfferAsync_FirstSlotBooked_OffersTheNextFreeOneAndReadsBookingsOverTheWholeHorizon()
    {
        var first = (await Offers().OfferAsync(Venue.Id, Now, 1, CancellationToken.None))[0];
        booked.Add(new Booking(first, "ref-other", Now));

        var slots = await Offers().OfferAsync(Venue.Id, Now, 1, CancellationToken.None);

        Assert.Equal([new DateTime(2026, 11, 26, 10, 0, 0)], slots.Select(Local));
        Assert.True(listed!.Value.From <= Now.AddHours(24) && listed.Value.To >= Now.AddDays(21), $"bookings read for {listed}");
    }

    [Fact]
    public async Task OfferAsync_UnknownVenue_OffersNothing()
    {
        Assert.Empty(await Offers().OfferAsync("no-such-venue", Now, 3, CancellationToken.None));
    }

    [Fact]
    public async Task FindOfferedAsync_IdOfAnOfferedSlot_ReturnsThatSlot()
    {
        var offered = await Offers().OfferAsync(Venue.Id, Now, 3, CancellationToken.None);

        var found = await Offers().FindOfferedAsync(Venue.Id, offered[2].Id, Now, CancellationToken.None);

        Assert.Equal(offered[2], found);
    }

    [Theory]
    [InlineData("maya|20261126T1430Z")] // not aligned to the window
    [InlineData("noah|20261126T1400Z")] // no such therapist
    [InlineData("maya|20261125T1500Z")] // a Wednesday: no window
    [InlineData("garbage")]
    public async Task FindOfferedAsync_NoAvailabilitySlot_ReturnsNull(string slotId)
    {
        Assert.Null(await Offers().FindOfferedAsync(Venue.Id, slotId, Now, CancellationToken.None));
    }

    [Fact]
    public async Task FindOfferedAsync_SlotNowInsideTheLeadTime_ReturnsNull()
    {
        var offered = (await Offers().OfferAsync(Venue.Id, Now, 1, CancellationToken.None))[0];

        var found = await Offers().FindOfferedAsync(Venue.Id, offered.Id, Now.AddHours(12), CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task FindOfferedAsync_UnknownVenue_ReturnsNull()
    {
        Assert.Null(await Offers().FindOfferedAsync("no-such-venue", "maya|20261126T1400Z", Now, CancellationToken.None));
    }
}
