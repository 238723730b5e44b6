using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// A submission that stopped between writing the referral row and starting its orchestration (a host killed between
/// the two): the orphan sweep starts the instance, exactly once, and the journey begins. Each test keeps a host of its
/// own: the sweep counts every orphan row on the host (exactly one, then none), the background sweep every 0.5 s would
/// start another test's orphan before that test's own sweep, and "left alone" needs the default settle time.
/// </summary>
public sealed class OrphanReferralTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> NoSettle = new() { ["OrphanReferrals:SettleAfter"] = "00:00:00" };

    [Fact]
    public async Task SweepAsync_RowWrittenButNoInstance_StartsTheJourneyExactlyOnce()
    {
        await using var host = await TestHost.StartAsync(azurite, NoSettle);
        var id = await WriteRowOnlyAsync(host);
        Assert.Null(await host.Durable.GetInstanceAsync(id, TestContext.Current.CancellationToken));
        var sweep = host.App.Services.GetRequiredService<OrphanReferralSweep>();

        var first = await sweep.SweepAsync(TestContext.Current.CancellationToken);
        var second = await sweep.SweepAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        Assert.Equal(0, await sweep.SweepAsync(TestContext.Current.CancellationToken)); // no longer Received
        Assert.Single(await OutboxRowsAsync(host, id)); // one release request, not two
    }

    /// <summary>The referral's outbox rows once its first message is written (the send follows the stage move).</summary>
    private static async Task<IReadOnlyList<Azure.Data.Tables.TableEntity>> OutboxRowsAsync(TestHost host, string id)
    {
        try
        {
            return await Eventually.UntilAsync(() => host.RowsAsync(StorageTables.Outbox, id), rows => rows.Count > 0, $"an outbox row of {id}", TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            return []; // the caller asserts on what is there
        }
    }

    [Fact]
    public async Task SweepAsync_RowOutsideTheWindow_IsLeftAlone()
    {
        // Younger than SettleAfter: its own request may still be starting the instance.
        await using var host = await TestHost.StartAsync(azurite);
        var id = await WriteRowOnlyAsync(host);
        var sweep = host.App.Services.GetRequiredService<OrphanReferralSweep>();

        Assert.Equal(0, await sweep.SweepAsync(TestContext.Current.CancellationToken));
        Assert.Null(await host.Durable.GetInstanceAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LocalHost_OrphanRow_IsStartedByTheBackgroundSweep()
    {
        // The local host's loop, not a direct call: what runs after a restart on the data a killed host left.
        await using var host = await TestHost.StartAsync(azurite, new Dictionary<string, string?>(NoSettle) { ["LocalHost:OrphanSweepInterval"] = "00:00:00.500" });
        var id = await WriteRowOnlyAsync(host);

        await host.WaitForStageAsync(id, Stage.MdReleaseRequested, TimeSpan.FromSeconds(30));
    }

    /// <summary>What a submission leaves when the host dies right after the row write: the row, no instance.</summary>
    private static async Task<string> WriteRowOnlyAsync(TestHost host)
    {
        var request = JsonSerializer.Deserialize<ReferralRequest>(Samples.Referral(), ApiJson.Options);
        var now = DateTimeOffset.UtcNow;
        var normalized = host.App.Services.GetRequiredService<ReferralNormalizer>().Normalize(request, DateOnly.FromDateTime(now.UtcDateTime));
        Assert.True(normalized.IsValid);
        var id = ReferralIds.New(now);
        Assert.True(await host.App.Services.GetRequiredService<IReferralStore>().TryCreateAsync(
            new ReferralRecord(id, OncologyMassage.LocalHost.Demo.DemoReferrals.Practice.Id, normalized.Referral!, Stage.Received, 0, now, now, null), TestContext.Current.CancellationToken));
        return id;
    }
}
