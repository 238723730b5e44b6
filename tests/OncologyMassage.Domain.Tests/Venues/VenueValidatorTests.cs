using OncologyMassage.Domain.Venues;
using static OncologyMassage.Domain.Tests.Venues.Venues;

namespace OncologyMassage.Domain.Tests.Venues;

public sealed class VenueValidatorTests
{
    [Fact]
    public void ErrorsOf_WellFormedVenue_IsEmpty()
    {
        var venue = Create(Therapist("maya", Weekdays()), Therapist("noah", Window(DayOfWeek.Saturday, 10, 14)));

        Assert.Empty(VenueValidator.ErrorsOf(venue));
    }

    [Fact]
    public void ErrorsOf_BadFields_NamesEveryOneByItsJsonPath()
    {
        var venue = Create(
            Therapist("maya", Window(DayOfWeek.Monday, 12, 9)),
            Therapist("noah", Window(DayOfWeek.Monday, 9, 12), Window(DayOfWeek.Monday, 11, 13))) with
        {
            Id = "Harbor Infusion/Center",
            TimeZone = "Mars/Olympus",
            Consent = Consent with { Text = "  " },
        };

        var errors = VenueValidator.ErrorsOf(venue);

        Assert.Equal(["consent.text", "id", "therapists[0].windows[0]", "therapists[1].windows", "timeZone"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("coordinator@harbor")]
    [InlineData("coordinator desk@harbor.example")]
    [InlineData("Coordinator <coordinator@harbor.example>")]
    public void ErrorsOf_CoordinatorEmailNotAnAddress_NamesCoordinatorEmail(string email)
    {
        var venue = Create(Therapist("maya", Weekdays())) with { CoordinatorEmail = email };

        Assert.Equal(["coordinatorEmail"], VenueValidator.ErrorsOf(venue).Keys);
    }

    [Fact]
    public void ErrorsOf_ValidBackupContact_HasNoErrors()
    {
        var venue = Create(Therapist("maya", Weekdays())) with { BackupContact = new VenueContact("Dr. Lind", "lead@harbor.example", "+16175550199") };

        Assert.Empty(VenueValidator.ErrorsOf(venue));
    }

    [Fact]
    public void ErrorsOf_BackupContactIncomplete_NamesEachField()
    {
        var venue = Create(Therapist("maya", Weekdays())) with { BackupContact = new VenueContact("", "lead@harbor", "617 555") };

        Assert.Equal(["backupContact.email", "backupContact.name", "backupContact.phone"], VenueValidator.ErrorsOf(venue).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ErrorsOf_WindowShorterThanOneSession_IsNamed()
    {
        var venue = Create(Therapist("maya", new WeeklyWindow(DayOfWeek.Monday, new(9, 0), new(9, 30))));

        Assert.Equal(["therapists[0]"], VenueValidator.ErrorsOf(venue).Keys);
    }

    [Fact]
    public void ErrorsOf_TwoTherapistsWithOneId_IsNamed()
    {
        var venue = Create(Therapist("maya", Weekdays()), Therapist("maya", Weekdays()));

        Assert.Equal(["therapists"], VenueValidator.ErrorsOf(venue).Keys);
    }
}
