using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

public sealed class TableConsentStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static ConsentRecord Consent(string name = "Ada Sample") => new("ref-1", "venue-1", "v2", new string('a', 64), At, name, "10.0.0.1", "tests");

    [Fact]
    public async Task TryRecordAsync_New_ReadsBackEqual()
    {
        var store = new TableConsentStore(StoreFactory.Tables(azurite));

        Assert.True(await store.TryRecordAsync(Consent(), TestContext.Current.CancellationToken));
        Assert.Equal(Consent(), await store.GetAsync("ref-1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TryRecordAsync_Second_ReturnsFalseAndKeepsTheFirst()
    {
        var store = new TableConsentStore(StoreFactory.Tables(azurite));
        await store.TryRecordAsync(Consent(), TestContext.Current.CancellationToken);

        Assert.False(await store.TryRecordAsync(Consent("Someone Else"), TestContext.Current.CancellationToken));
        Assert.Equal("Ada Sample", (await store.GetAsync("ref-1", TestContext.Current.CancellationToken))!.SignerName);
    }

    [Fact]
    public async Task TryWithdrawAsync_Signed_MarksItOnceWithTheReason()
    {
        var store = new TableConsentStore(StoreFactory.Tables(azurite));
        await store.TryRecordAsync(Consent(), TestContext.Current.CancellationToken);

        var first = await store.TryWithdrawAsync("ref-1", At.AddDays(1), "moving away", TestContext.Current.CancellationToken);
        var second = await store.TryWithdrawAsync("ref-1", At.AddDays(2), "again", TestContext.Current.CancellationToken);

        Assert.Equal((true, false), (first, second));
        Assert.Equal(Consent() with { WithdrawnAt = At.AddDays(1), WithdrawalReason = "moving away" }, await store.GetAsync("ref-1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TryWithdrawAsync_NeverSigned_ReturnsFalse()
    {
        var store = new TableConsentStore(StoreFactory.Tables(azurite));

        Assert.False(await store.TryWithdrawAsync("ref-1", At, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeleteAsync_Signed_LetsTheClientSignAgain()
    {
        var store = new TableConsentStore(StoreFactory.Tables(azurite));
        await store.TryRecordAsync(Consent(), TestContext.Current.CancellationToken);

        await store.DeleteAsync("ref-1", TestContext.Current.CancellationToken);

        Assert.True(await store.TryRecordAsync(Consent(), TestContext.Current.CancellationToken));
    }
}
