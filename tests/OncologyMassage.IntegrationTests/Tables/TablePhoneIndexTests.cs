using OncologyMassage.Domain.Replies;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>
/// The phone index's waits on real Table Storage: a wait this host wrote or read is cleared under its ETag without reading
/// it again (issue #16 item 4, fifth round), and a wait anyone wrote since is read and checked as before, never deleted
/// blindly. Each "host" is its own index over the same tables.
/// </summary>
public sealed class TablePhoneIndexTests(AzuriteFixture azurite)
{
    private const string Phone = "+16175550123";
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly CountedTables counted = new(azurite);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AwaitingReply Wait(string referralId, string? followUpId = null) =>
        new(Phone, referralId, ReplyExpectation.Rating, 0, T0) { FollowUpId = followUpId };

    [Fact]
    public async Task ClearAwaitingAsync_WaitThisHostSet_DeletesItWithoutReading()
    {
        var index = new TablePhoneIndex(counted.Tables, TimeProvider.System);
        await index.SetAwaitingAsync(Wait("ref-1"), Ct);

        counted.Clear();
        await index.ClearAwaitingAsync(Phone, "ref-1", Ct);

        Assert.Equal((0, 1), (counted.Of("GET", StorageTables.PhoneIndex), counted.Of("DELETE", StorageTables.PhoneIndex)));
        Assert.Null(await index.FindAwaitingAsync(Phone, Ct));
    }

    [Fact]
    public async Task ClearAwaitingFollowUpAsync_WaitThisHostReadForTheInboundText_DeletesItWithoutReading()
    {
        await new TablePhoneIndex(counted.Tables, TimeProvider.System).SetAwaitingAsync(Wait("ref-1", "sms24h-1"), Ct); // another host
        var index = new TablePhoneIndex(counted.Tables, TimeProvider.System);
        await index.FindAwaitingAsync(Phone, Ct);

        counted.Clear();
        await index.ClearAwaitingFollowUpAsync(Phone, "ref-1", "sms24h-1", Ct);

        Assert.Equal(0, counted.Of("GET", StorageTables.PhoneIndex));
        Assert.Null(await index.FindAwaitingAsync(Phone, Ct));
    }

    [Fact]
    public async Task ClearAwaitingAsync_NewerWaitOfAnotherReferralSetByAnotherHost_LeavesIt()
    {
        var hostA = new TablePhoneIndex(counted.Tables, TimeProvider.System);
        await hostA.SetAwaitingAsync(Wait("ref-1"), Ct);
        await new TablePhoneIndex(counted.Tables, TimeProvider.System).SetAwaitingAsync(Wait("ref-2"), Ct);

        await hostA.ClearAwaitingAsync(Phone, "ref-1", Ct);

        Assert.Equal("ref-2", (await hostA.FindAwaitingAsync(Phone, Ct))?.ReferralId);
    }

    [Fact]
    public async Task ClearAwaitingAsync_SameWaitSetAgainByAnotherHost_ReadsItAndClearsIt()
    {
        var hostA = new TablePhoneIndex(counted.Tables, TimeProvider.System);
        await hostA.SetAwaitingAsync(Wait("ref-1"), Ct);
        await new TablePhoneIndex(counted.Tables, TimeProvider.System).SetAwaitingAsync(Wait("ref-1"), Ct); // a retried activity elsewhere

        await hostA.ClearAwaitingAsync(Phone, "ref-1", Ct);

        Assert.Null(await hostA.FindAwaitingAsync(Phone, Ct));
    }

    [Fact]
    public async Task ClearAwaitingFollowUpAsync_RememberedWaitIsAnotherFollowUp_LeavesIt()
    {
        var index = new TablePhoneIndex(counted.Tables, TimeProvider.System);
        await index.SetAwaitingAsync(Wait("ref-1", "sms30d-1"), Ct);

        await index.ClearAwaitingFollowUpAsync(Phone, "ref-1", "sms24h-1", Ct); // a late answer to the earlier follow-up

        Assert.Equal("sms30d-1", (await index.FindAwaitingAsync(Phone, Ct))?.FollowUpId);
    }

    [Fact]
    public async Task ClearAwaitingAsync_RememberedWaitClearedElsewhereMeanwhile_IsDoneWithoutError()
    {
        var hostA = new TablePhoneIndex(counted.Tables, TimeProvider.System);
        await hostA.SetAwaitingAsync(Wait("ref-1"), Ct);
        await new TablePhoneIndex(counted.Tables, TimeProvider.System).ClearAwaitingAsync(Phone, "ref-1", Ct); // a replay on another host

        await hostA.ClearAwaitingAsync(Phone, "ref-1", Ct);

        Assert.Null(await hostA.FindAwaitingAsync(Phone, Ct));
    }
}
