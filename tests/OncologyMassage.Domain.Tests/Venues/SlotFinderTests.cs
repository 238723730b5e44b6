using OncologyMassage.Domain.Venues;
using static OncologyMassage.Domain.Tests.Venues.Venues;

namespace OncologyMassage.Domain.Tests.Venues;

public sealed class SlotFinderTests
{
    /// <summary>Wednesday 25 November 2026, 14:00 UTC (09:00 in New York).</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FindFree_NoBookings_ReturnsThreeSlotsOnThreeDifferentLocalDays()
    {
        var venue = Create(Therapist("maya", Weekdays()));

        var slots = SlotFinder.FindFree(venue, [], Now);

        Assert.Equal(3, slots.Count);
        Assert.Equal(3, slots.Select(s => Local(s.StartsAt).Date).Distinct().Count());
        Assert.Equal(
            [new DateTime(2026, 11, 26, 9, 0, 0), new DateTime(2026, 11, 27, 9, 0, 0), new DateTime(2026, 11, 30, 9, 0, 0)],
            slots.Select(s => Local(s.StartsAt)));
    }

    [Fact]
    public void FindFree_AnySlot_StartsAfterLeadTimeAndLastsOneSession()
    {
        var venue = Create(Therapist("maya", Weekdays())) with { SessionLength = TimeSpan.FromMinutes(45) };

        var slots = SlotFinder.FindFree(venue, [], Now, SlotRules.Default with { LeadTime = TimeSpan.FromHours(30) });

        Assert.All(slots, s => Assert.True(s.StartsAt >= Now.AddHours(30), $"{s.StartsAt} is inside the lead time"));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(45), s.EndsAt - s.StartsAt));
        Assert.Equal(new DateTime(2026, 11, 26, 15, 0, 0), Local(slots[0].StartsAt)); // now + 30 h = 15:00 local = 09:00 + 8 × 45 min
    }

    [Fact]
    public void FindFree_SlotBookedForItsTherapist_IsNotOfferedButAnotherTherapistAtThatTimeIs()
    {
        var venue = Create(Therapist("maya", Window(DayOfWeek.Thursday, 9, 10)), Therapist("noah", Window(DayOfWeek.Thursday, 9, 10)));
        var first = SlotFinder.FindFree(venue, [], Now, SlotRules.Default with { Horizon = TimeSpan.FromDays(2) });
        var mayas = Assert.Single(first, s => s.TherapistId == "maya");

        var slots = SlotFinder.FindFree(venue, [mayas], Now, SlotRules.Default with { Horizon = TimeSpan.FromDays(2) });

        var offered = Assert.Single(slots);
        Assert.Equal(("noah", mayas.StartsAt), (offered.TherapistId, offered.StartsAt));
    }

    [Fact]
    public void FindFree_BookingOverlappingPartOfASlot_SkipsThatSlot()
    {
        var venue = Create(Therapist("maya", Window(DayOfWeek.Thursday, 9, 12)));
        var start = new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(-5));
        var booking = new Slot(venue.Id, "maya", start, start.AddMinutes(90)); // 09:30–11:00, e.g. booked when sessions were 90 min

        var slots = SlotFinder.FindFree(venue, [booking], Now, SlotRules.Default with { Horizon = TimeSpan.FromDays(2) });

        Assert.Equal([new DateTime(2026, 11, 26, 11, 0, 0)], slots.Select(s => Local(s.StartsAt)));
    }

    [Fact]
    public void FindFree_AcrossTheFallBackChange_KeepsTheLocalTimeAndMovesTheUtcTime()
    {
        var venue = Create(Therapist("maya", Window(DayOfWeek.Monday, 9, 10)));
        var saturday = new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero);

        var slots = SlotFinder.FindFree(venue, [], saturday);

        Assert.Equal([13, 14, 14], slots.Select(s => s.StartsAt.UtcDateTime.Hour)); // 26 Oct EDT, 2 and 9 Nov EST
        Assert.All(slots, s => Assert.Equal(9, Local(s.StartsAt).Hour));
    }

    [Fact]
    public void FindFree_WindowAcrossTheSpringForwardGap_OffersNoTimeThatDoesNotExist()
    {
        var venue = Create(Therapist("maya", new WeeklyWindow(DayOfWeek.Sunday, new(1, 30), new(3, 30)))) with { SessionLength = TimeSpan.FromMinutes(30) };
        var friday = new DateTimeOffset(2027, 3, 12, 12, 0, 0, TimeSpan.Zero);

        var slots = SlotFinder.FindFree(venue, [], friday, new SlotRules(TimeSpan.FromHours(24), TimeSpan.FromDays(3), 10));

        // 14 March 2027: 02:00 and 02:30 do not exist in New York; 01:30 is EST, 03:00 is EDT.
        Assert.Equal(["0630Z", "0700Z"], slots.Select(s => s.StartsAt.UtcDateTime.ToString("HHmm'Z'", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void FindFree_OnlyOneDayInTheHorizon_PrefersDistinctTimesOverTheSameTimeWithAnotherTherapist()
    {
        var venue = Create(Therapist("maya", Window(DayOfWeek.Thursday, 9, 11)), Therapist("noah", Window(DayOfWeek.Thursday, 9, 11)));

        var slots = SlotFinder.FindFree(venue, [], Now, SlotRules.Default with { Horizon = TimeSpan.FromDays(2) });

        Assert.Equal(
            [("maya", 9), ("noah", 9), ("maya", 10)],
            slots.Select(s => (s.TherapistId, Local(s.StartsAt).Hour)));
    }

    [Fact]
    public void FindFree_Horizon_NoSlotStartsAfterIt()
    {
        var venue = Create(Therapist("maya", Window(DayOfWeek.Monday, 9, 10)));

        var slots = SlotFinder.FindFree(venue, [], Now, SlotRules.Default with { Horizon = TimeSpan.FromDays(8) });

        Assert.Equal([new DateTime(2026, 11, 30, 9, 0, 0)], slots.Select(s => Local(s.StartsAt)));
    }

    [Fact]
    public void FindFree_FullyBooked_ReturnsNothing()
    {
        var venue = Create(Therapist("maya", Window(DayOfWeek.Thursday, 9, 11)));
        var rules = SlotRules.Default with { Horizon = TimeSpan.FromDays(2) };
        var all = SlotFinder.FindFree(venue, [], Now, rules with { Count = 10 });

        var slots = SlotFinder.FindFree(venue, all, Now, rules);

        Assert.Equal(2, all.Count);
        Assert.Empty(slots);
    }

    [Fact]
    public void FindFree_SameInputs_SameSlots()
    {
        var venue = Create(Therapist("maya", Weekdays()), Therapist("noah", Weekdays()));

        var first = SlotFinder.FindFree(venue, [], Now);
        var second = SlotFinder.FindFree(venue, [], Now);

        Assert.Equal(first.Select(s => s.Id), second.Select(s => s.Id));
    }

    [Fact]
    public void Resolve_IdOfAnOfferedSlot_ReturnsThatSlot()
    {
        var venue = Create(Therapist("maya", Weekdays()), Therapist("noah", Weekdays()));
        var offered = SlotFinder.FindFree(venue, [], Now)[1];

        var resolved = SlotFinder.Resolve(venue, offered.Id);

        Assert.Equal(offered, resolved);
    }

    [Theory]
    [InlineData("maya|20261126T1430Z")] // 09:30 local: not aligned to the window start
    [InlineData("maya|20261128T1400Z")] // a Saturday: no window
    [InlineData("zoe|20261126T1400Z")] // no such therapist
    [InlineData("maya|2026-11-26 14:00")]
    [InlineData("not a slot")]
    [InlineData("")]
    public void Resolve_IdThatIsNoAvailabilitySlot_ReturnsNull(string slotId)
    {
        var venue = Create(Therapist("maya", Weekdays()));

        Assert.Null(SlotFinder.Resolve(venue, slotId));
    }
}
