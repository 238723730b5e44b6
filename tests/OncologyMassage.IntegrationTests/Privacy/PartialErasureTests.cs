using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.IntegrationTests.Privacy;

/// <summary>
/// <c>erase</c> of referrals that did not walk a whole journey, on a shared <see cref="PrivacyHost"/> (see
/// <see cref="ErasureTests"/>): a running referral is terminated and purged, a rerun finishes a partial erase, and
/// <c>--phone</c> erases every referral of the number.
/// </summary>
public sealed class PartialErasureTests(AzuriteFixture azurite, PrivacyHost shared) : IClassFixture<PrivacyHost>
{
    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erase_ARunningReferral_TerminatesAndPurgesItsOrchestration()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.SubmitAsync();
        Assert.Equal("Running", (await PrivacyScenario.InstanceAsync(host, id)).Status);

        var (code, _, error) = await host.AdminAsync(azurite, "erase", "--referral", id);

        Assert.True(code == 0, error);
        Assert.False((await PrivacyScenario.InstanceAsync(host, id)).Exists);
        Assert.DoesNotContain(await PrivacyScenario.ScanAsync(host), r => !PrivacyScenario.IsTombstone(r, id) && (r.Text.Contains(id, StringComparison.Ordinal) || r.Row.PartitionKey == id));
    }

    [Fact]
    public async Task Erase_TwiceAndAfterAPartialErase_FinishesTheJobAndCountsNothingTwice()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var first = await client.SubmitAsync();
        var second = await client.SubmitAsync();
        var board = host.App.Services.GetRequiredService<PipelineBoard>();

        // A crash halfway: the board entry and the timeline are gone, the rest (referral row included) is not.
        await board.RemoveAsync(client.Venue.Id, first, Ct);
        var referrals = host.Tables.GetTableClient(host.TablePrefix + StorageTables.Referrals);
        foreach (var row in await host.TimelineRowsAsync(first))
        {
            await referrals.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: Ct);
        }

        var rerun = await host.AdminAsync(azurite, "erase", "--referral", first);
        var again = await host.AdminAsync(azurite, "erase", "--referral", first);

        Assert.Equal((0, 0), (rerun.Code, again.Code));
        Assert.Contains("no referral row was left", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(await PrivacyScenario.ScanAsync(host), r => !PrivacyScenario.IsTombstone(r, first) && (r.Text.Contains(first, StringComparison.Ordinal) || r.Row.PartitionKey == first));
        var pipeline = await client.Venue.Coordinator.GetStringAsync(new Uri("api/pipeline", UriKind.Relative), Ct);
        Assert.Contains($"\"{Stage.MdReleaseRequested}\":1", pipeline, StringComparison.Ordinal); // the other referral, counted once
        Assert.Contains(second, pipeline, StringComparison.Ordinal);
        Assert.Equal(2, (await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(first, 100, Ct)).Count(e => e.Action == ReferralErasure.AuditAction));
    }

    [Fact]
    public async Task Erase_EntriesInTheReferralsPartitionAndTheOldTimelineTable_ErasesBoth()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.SubmitAsync();
        await Eventually.UntilAsync(() => host.TimelineRowsAsync(id), rows => rows.Count > 0, "the first timeline entry");
        var legacy = host.Tables.GetTableClient(host.TablePrefix + StorageTables.Timeline);
        await legacy.CreateIfNotExistsAsync(Ct); // a deployment from before this release has it; a fresh host makes it only when read
        await legacy.AddEntityAsync(new TableEntity(id, "000000") { ["Kind"] = "Note", ["Stage"] = "Received", ["Detail"] = "Written before this release" }, Ct);

        var (code, _, error) = await host.AdminAsync(azurite, "erase", "--referral", id);

        Assert.True(code == 0, error);
        Assert.DoesNotContain(await PrivacyScenario.ScanAsync(host), r => !PrivacyScenario.IsTombstone(r, id) && r.Row.PartitionKey == id);
    }

    [Fact]
    public async Task ErasePhone_TwoReferralsOfTheNumber_ErasesBothAndTheNumber()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var first = await client.SubmitAsync();
        var second = await client.SubmitAsync();

        var (code, output, error) = await host.AdminAsync(azurite, "erase", "--phone", client.Phone.E164);

        Assert.True(code == 0, error);
        Assert.Contains($"Erased {first}", output, StringComparison.Ordinal);
        Assert.Contains($"Erased {second}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(await PrivacyScenario.ScanAsync(host), r => r.Text.Contains(client.PhoneDigits, StringComparison.Ordinal)
            || r.Row.PartitionKey.Contains(client.PhoneDigits, StringComparison.Ordinal));
    }
}
