using System.Text.Json;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Infrastructure;
using OncologyMassage.Infrastructure.Venues;
using OncologyMassage.IntegrationTests.Infrastructure;

namespace OncologyMassage.IntegrationTests.Tables;

public sealed class TableVenueStoreTests(AzuriteFixture azurite)
{
    private readonly TableStores stores = new(azurite);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Records holding lists compare lists by reference; compare the venues as JSON instead.</summary>
    private static string AsJson(Venue? venue) => JsonSerializer.Serialize(venue, AppJson.Options);

    [Fact]
    public async Task UpsertAsync_ThenGetAsync_ReturnsEveryFieldIncludingWindowsAndSessionLength()
    {
        var venue = DemoVenues.All.Single(v => v.Id == DemoVenues.HarborInfusionCenter);

        await stores.Venues().UpsertAsync(venue, Ct);
        var read = await stores.Venues().GetAsync(venue.Id, Ct);

        Assert.Equal(AsJson(venue), AsJson(read));
        Assert.Equal(TimeSpan.FromMinutes(30), read!.SessionLength);
        Assert.Equal(venue.Consent.Sha256, read.Consent.Sha256);
    }

    [Fact]
    public async Task UpsertAsync_NewConsentVersion_ReplacesTheVenue()
    {
        var venue = DemoVenues.All[0];
        await stores.Venues().UpsertAsync(venue, Ct);

        await stores.Venues().UpsertAsync(venue with { Consent = venue.Consent with { Version = "2027-01" } }, Ct);

        Assert.Equal("2027-01", (await stores.Venues().GetAsync(venue.Id, Ct))?.Consent.Version);
    }

    [Fact]
    public async Task UpsertAsync_InvalidVenue_ThrowsNamingTheFieldAndWritesNothing()
    {
        var venue = DemoVenues.All[0] with { TimeZone = "Mars/Olympus" };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => stores.Venues().UpsertAsync(venue, Ct));

        Assert.Contains("timeZone", error.Message, StringComparison.Ordinal);
        Assert.Null(await stores.Venues().GetAsync(venue.Id, Ct));
    }

    [Theory]
    [InlineData("no-such-venue")]
    [InlineData("Not/A/Key")]
    public async Task GetAsync_UnknownOrMalformedId_ReturnsNull(string id)
    {
        Assert.Null(await stores.Venues().GetAsync(id, Ct));
    }

    [Fact]
    public async Task SeedAsync_Twice_StoresFiveVenuesOncePerType()
    {
        await DemoVenues.SeedAsync(stores.Venues(), Ct);
        await DemoVenues.SeedAsync(stores.Venues(), Ct);

        var venues = await stores.Venues().ListAsync(Ct);

        Assert.Equal(Enum.GetValues<VenueType>().Order(), venues.Select(v => v.Type).Order());
    }

    [Fact]
    public async Task SeedAsync_VenueChangedInStorage_KeepsTheChange()
    {
        var store = stores.Venues();
        var changed = DemoVenues.All[0] with { Name = "Renamed by the clinic" };
        await store.UpsertAsync(changed, Ct);

        await DemoVenues.SeedAsync(store, Ct);

        Assert.Equal("Renamed by the clinic", (await store.GetAsync(changed.Id, Ct))?.Name);
    }
}
