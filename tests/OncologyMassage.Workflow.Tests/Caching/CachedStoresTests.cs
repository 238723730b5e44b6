using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Caching;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Caching;

public sealed class CachedStoresTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private static readonly Practice Harbor = new("harbor", "Harbor Oncology");
    private static readonly Venue HarborVenue = new(
        "harbor-infusion-center", "Harbor Infusion Center", VenueType.InfusionCenter, "America/New_York", "Boston", "c@example.org",
        new ConsentDocument("2026-11", "Consent", "Text"), []);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<IPracticeKeyStore> keys = new(MockBehavior.Strict);
    private readonly Mock<IVenueStore> venues = new(MockBehavior.Strict);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindAsync_SameKeyWithinTheLifetime_ReadsTheStoreOnce()
    {
        keys.Setup(k => k.FindAsync("key-1", It.IsAny<CancellationToken>())).ReturnsAsync(Harbor);
        var cached = new CachedPracticeKeyStore(keys.Object, Lifetime, clock);

        var first = await cached.FindAsync("key-1", Ct);
        clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        var second = await cached.FindAsync("key-1", Ct);

        Assert.Equal((Harbor, Harbor), (first, second));
        keys.Verify(k => k.FindAsync("key-1", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task FindAsync_KeyRevokedElsewhere_IsRefusedOnceTheLifetimeHasPassed()
    {
        keys.SetupSequence(k => k.FindAsync("key-1", It.IsAny<CancellationToken>())).ReturnsAsync(Harbor).ReturnsAsync((Practice?)null);
        var cached = new CachedPracticeKeyStore(keys.Object, Lifetime, clock);

        await cached.FindAsync("key-1", Ct);
        clock.Advance(Lifetime);

        Assert.Null(await cached.FindAsync("key-1", Ct));
    }

    [Fact]
    public async Task FindAsync_UnknownKey_IsAskedAgainEveryTime()
    {
        keys.SetupSequence(k => k.FindAsync("new-key", It.IsAny<CancellationToken>())).ReturnsAsync((Practice?)null).ReturnsAsync(Harbor);
        var cached = new CachedPracticeKeyStore(keys.Object, Lifetime, clock);

        Assert.Null(await cached.FindAsync("new-key", Ct));
        Assert.Equal(Harbor, await cached.FindAsync("new-key", Ct)); // added by the admin command meanwhile
    }

    [Fact]
    public async Task FindAsync_AfterAKeyWasAddedThroughTheStore_ReadsAgainAtOnce()
    {
        keys.SetupSequence(k => k.FindAsync("old-key", It.IsAny<CancellationToken>())).ReturnsAsync(Harbor).ReturnsAsync((Practice?)null);
        keys.Setup(k => k.AddKeyAsync(Harbor, "third-key", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var cached = new CachedPracticeKeyStore(keys.Object, Lifetime, clock);

        await cached.FindAsync("old-key", Ct);
        await cached.AddKeyAsync(Harbor, "third-key", Ct); // the oldest key is revoked

        Assert.Null(await cached.FindAsync("old-key", Ct));
    }

    [Fact]
    public async Task FindAsync_ZeroLifetime_ReadsTheStoreEveryTime()
    {
        keys.Setup(k => k.FindAsync("key-1", It.IsAny<CancellationToken>())).ReturnsAsync(Harbor);
        var cached = new CachedPracticeKeyStore(keys.Object, TimeSpan.Zero, clock);

        await cached.FindAsync("key-1", Ct);
        await cached.FindAsync("key-1", Ct);

        keys.Verify(k => k.FindAsync("key-1", It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GetAsync_SameVenueWithinTheLifetime_ReadsTheStoreOnceThenAgainAfterIt()
    {
        venues.Setup(v => v.GetAsync(HarborVenue.Id, It.IsAny<CancellationToken>())).ReturnsAsync(HarborVenue);
        var cached = new CachedVenueStore(venues.Object, Lifetime, clock);

        await cached.GetAsync(HarborVenue.Id, Ct);
        await cached.GetAsync(HarborVenue.Id, Ct);
        venues.Verify(v => v.GetAsync(HarborVenue.Id, It.IsAny<CancellationToken>()), Times.Once);

        clock.Advance(Lifetime);
        await cached.GetAsync(HarborVenue.Id, Ct);
        venues.Verify(v => v.GetAsync(HarborVenue.Id, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GetAsync_AfterTheVenueWasChangedThroughTheStore_ReturnsTheChange()
    {
        var renamed = HarborVenue with { Name = "Harbor Infusion Centre" };
        venues.SetupSequence(v => v.GetAsync(HarborVenue.Id, It.IsAny<CancellationToken>())).ReturnsAsync(HarborVenue).ReturnsAsync(renamed);
        venues.Setup(v => v.UpsertAsync(renamed, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var cached = new CachedVenueStore(venues.Object, Lifetime, clock);

        await cached.GetAsync(HarborVenue.Id, Ct);
        await cached.UpsertAsync(renamed, Ct);

        Assert.Equal("Harbor Infusion Centre", (await cached.GetAsync(HarborVenue.Id, Ct))!.Name);
    }
}
