using Azure.Data.Tables;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>
/// The generic one-row adapter and its by-convention mapper on Azurite: rows keep the column layout the hand-written
/// stores wrote before (so stored data reads back after the change), keys are not repeated as columns, and a conflict,
/// a stale ETag and a missing row are answers, not exceptions.
/// </summary>
public sealed class OneRowStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReleaseRecord Release(string? questionKey = null) =>
        new("ref-1", new ReleaseDecision(ReleaseOutcome.ApprovedWithRestrictions, "Dr. Sample", [], "light pressure"), At, "10.0.0.1", "tests")
        {
            QuestionKey = questionKey,
        };

    [Fact]
    public async Task GetAsync_RowInTheEarlierHandWrittenLayout_ReadsBackEqual()
    {
        var tables = StoreFactory.Tables(azurite);
        var table = await tables.GetAsync(StorageTables.Consents, Ct);
        await table.AddEntityAsync(new TableEntity("ref-1", "consent")
        {
            ["VenueId"] = "venue-1",
            ["DocumentVersion"] = "v2",
            ["DocumentSha256"] = new string('a', 64),
            ["SignedAt"] = At,
            ["SignerName"] = "Ada Sample",
            ["SignerIp"] = "10.0.0.1",
            ["SignerUserAgent"] = "tests",
            ["WithdrawnAt"] = null,
            ["WithdrawalReason"] = null,
            ["VisitAddress"] = "1 Main St",
        }, Ct);

        var read = await new TableConsentStore(tables).GetAsync("ref-1", Ct);

        Assert.Equal(new ConsentRecord("ref-1", "venue-1", "v2", new string('a', 64), At, "Ada Sample", "10.0.0.1", "tests") { VisitAddress = "1 Main St" }, read);
    }

    [Fact]
    public async Task TryAddAsync_Release_WritesTypedColumnsJsonForTheDecisionAndNoKeyColumns()
    {
        var tables = StoreFactory.Tables(azurite);
        Assert.True(await new TableReleaseStore(tables).TryRecordAsync(Release("platelets"), Ct));

        var row = (await (await tables.GetAsync(StorageTables.Releases, Ct)).GetEntityAsync<TableEntity>("ref-1", "q-platelets", cancellationToken: Ct)).Value;

        Assert.Equal(At, row.GetDateTimeOffset("SignedAt"));
        Assert.Equal("ApprovedWithRestrictions", row.GetString("Outcome"));
        Assert.Contains("\"physicianName\":\"Dr. Sample\"", row.GetString("Decision"), StringComparison.Ordinal);
        Assert.False(row.ContainsKey("ReferralId"));
        Assert.False(row.ContainsKey("QuestionKey"));
    }

    [Fact]
    public async Task GetAsync_ReleaseAndAnswer_ReadBackWithTheQuestionKeyFromTheRowKey()
    {
        var store = new TableReleaseStore(StoreFactory.Tables(azurite));
        await store.TryRecordAsync(Release(), Ct);
        await store.TryRecordAsync(Release("platelets"), Ct);

        var release = await store.GetAsync("ref-1", Ct);
        var answer = await store.GetAnswerAsync("ref-1", "platelets", Ct);

        Assert.Null(release!.QuestionKey);
        Assert.Equal("platelets", answer!.QuestionKey);
        Assert.Equal(("Dr. Sample", ReleaseOutcome.ApprovedWithRestrictions), (answer.Decision.PhysicianName, answer.Decision.Outcome));
        Assert.Null(await store.GetAnswerAsync("ref-1", "other", Ct));
    }

    [Fact]
    public async Task TryMergeAsync_StaleETag_ReturnsFalseAndLeavesTheRow()
    {
        var tables = StoreFactory.Tables(azurite);
        var rows = new OneRowStore<ConsentRecord>(tables, StorageTables.Consents, new RecordColumns<ConsentRecord>(nameof(ConsentRecord.ReferralId), _ => "consent"));
        await rows.TryAddAsync(new ConsentRecord("ref-1", "venue-1", "v2", "sha", At, "Ada Sample", null, null), Ct);
        var read = (await rows.GetRowAsync("ref-1", "consent", Ct))!;
        Assert.True(await rows.TryMergeAsync(new TableEntity("ref-1", "consent") { ["WithdrawalReason"] = "first" }, read.ETag, Ct));

        var stale = await rows.TryMergeAsync(new TableEntity("ref-1", "consent") { ["WithdrawalReason"] = "second" }, read.ETag, Ct);

        Assert.False(stale);
        Assert.Equal("first", (await rows.GetAsync("ref-1", "consent", Ct))!.WithdrawalReason);
    }

    [Fact]
    public async Task TryDeleteAsync_ChangedSinceRead_ReturnsFalseAndKeepsTheRow()
    {
        var tables = StoreFactory.Tables(azurite);
        var rows = new OneRowStore<ConsentRecord>(tables, StorageTables.Consents, new RecordColumns<ConsentRecord>(nameof(ConsentRecord.ReferralId), _ => "consent"));
        await rows.TryAddAsync(new ConsentRecord("ref-1", "venue-1", "v2", "sha", At, "Ada Sample", null, null), Ct);
        var read = (await rows.GetRowAsync("ref-1", "consent", Ct))!;
        await rows.UpsertAsync(new ConsentRecord("ref-1", "venue-1", "v3", "sha", At, "Ada Sample", null, null), Ct);

        Assert.False(await rows.TryDeleteAsync("ref-1", "consent", read.ETag, Ct));
        Assert.Equal("v3", (await rows.GetAsync("ref-1", "consent", Ct))!.DocumentVersion);
        Assert.False(await rows.TryDeleteAsync("ref-2", "consent", read.ETag, Ct));
    }

    [Fact]
    public async Task QueryAsync_ValuesInTheFilter_AreEscaped()
    {
        var tables = StoreFactory.Tables(azurite);
        await new TableReplyStore(tables).TryRecordAsync(new ReplyRecord("ref-1", "SM1", ReplyChannel.Sms, "yes", At), Ct);
        var rows = new OneRowStore<ReplyRecord>(tables, StorageTables.Replies, new RecordColumns<ReplyRecord>(nameof(ReplyRecord.ReferralId), r => r.MessageId));

        Assert.Empty(await rows.QueryAsync($"PartitionKey eq {"x' or PartitionKey ne 'x"}", Ct));
        Assert.Equal("yes", Assert.Single(await rows.QueryAsync($"PartitionKey eq {"ref-1"}", Ct)).Text);
    }
}
