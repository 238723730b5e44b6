using OncologyMassage.Infrastructure.Venues;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.IntegrationTests.Tables;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.IntegrationTests.Scheduling;

/// <summary>Offer, choose, book and offer again on real Table Storage with a seeded demo venue.</summary>
public sealed class SlotOffersStorageTests(AzuriteFixture azurite)
{
    private readonly TableStores stores = new(azurite);

    /// <summary>Wednesday 25 November 2026, 09:00 in Boston.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SlotOffers Offers() => new(stores.Venues(), stores.Bookings(), Microsoft.Extensions.Options.Options.Create(new SchedulingOptions()));

    [Fact]
    public async Task OfferAsync_AfterTheChosenSlotIsBooked_OffersItToNoOneElse()
    {
        await DemoVenues.SeedAsync(stores.Venues(), Ct);
        var offered = await Offers().OfferAsync(DemoVenues.HarborInfusionCenter, Now, 3, Ct);
        var chosen = await Offers().FindOfferedAsync(DemoVenues.HarborInfusionCenter, offered[0].Id, Now, Ct);
        Assert.True(await stores.Bookings().TryBookAsync(chosen!, "ref-a", Ct));

        var next = await Offers().OfferAsync(DemoVenues.HarborInfusionCenter, Now, 3, Ct);

        Assert.Equal(3, offered.Count);
        Assert.DoesNotContain(next, s => s.TherapistId == chosen!.TherapistId && s.StartsAt < chosen.EndsAt && chosen.StartsAt < s.EndsAt);
        Assert.Equal(3, next.Count);
    }

    [Fact]
    public async Task OfferAsync_VenueNotSeeded_OffersNothing()
    {
        Assert.Empty(await Offers().OfferAsync(DemoVenues.HarborInfusionCenter, Now, 3, Ct));
    }
}
