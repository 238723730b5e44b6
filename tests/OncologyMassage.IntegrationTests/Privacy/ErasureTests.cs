using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Admin;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.IntegrationTests.Privacy;

/// <summary>
/// <c>erase</c> on the real engine and Azurite (issue 14 items 4 and 7): a whole journey erased leaves no row with the
/// referral id, the phone number or the client's name in any table of the account, except the audit, whose entries
/// hold ids only and end with the tombstone; a running referral is terminated and purged; a rerun finishes a partial erase.
/// </summary>
public sealed class ErasureTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erase_AFullJourney_LeavesNothingButTheTombstone()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var id = await PrivacyScenario.FullJourneyAsync(host);
        var before = await PrivacyScenario.ScanAsync(host);
        Assert.Contains(before, r => r.Text.Contains(PrivacyScenario.PhoneDigits, StringComparison.Ordinal)); // the scan sees what erase must remove
        Assert.Contains(before, r => r.Table == "History" && r.Row.PartitionKey == id);

        var (code, output, error) = await host.AdminAsync(azurite, "erase", "--referral", id);

        Assert.True(code == 0, error);
        Assert.Contains($"Erased {id}", output, StringComparison.Ordinal);
        var after = await PrivacyScenario.ScanAsync(host);
        var leftovers = after.Where(r => !PrivacyScenario.IsTombstone(r, id)
            && (r.Text.Contains(id, StringComparison.Ordinal) || r.Row.PartitionKey == id || r.Row.RowKey.Contains(id, StringComparison.Ordinal)
                || r.Text.Contains(PrivacyScenario.PhoneDigits, StringComparison.Ordinal) || r.Row.PartitionKey.Contains(PrivacyScenario.PhoneDigits, StringComparison.Ordinal)
                || r.Text.Contains(PrivacyScenario.FamilyName, StringComparison.Ordinal)))
            .Select(r => $"{r.Table}/{r.Row.PartitionKey}/{r.Row.RowKey}: {r.Text}").ToArray();
        Assert.True(leftovers.Length == 0, string.Join(Environment.NewLine, leftovers));
        Assert.DoesNotContain(after, r => r.Text.Contains(PrivacyScenario.PhoneDigits, StringComparison.Ordinal) || r.Text.Contains(PrivacyScenario.FamilyName, StringComparison.Ordinal));
        var audit = await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(id, 1000, Ct);
        Assert.Equal((ReferralErasure.AuditAction, AuditCallers.Admin, "test-operator"), (audit[0].Action, audit[0].CallerKind, audit[0].CallerId));
        Assert.Single(after, r => PrivacyScenario.IsTombstone(r, id));
        Assert.False((await PrivacyScenario.InstanceAsync(host, id)).Exists);

        // The audit stays whole (append-only, chain intact), but the addresses and browsers of the client's and the
        // oncologist's page views went with the referral's content key: readable before, "(erased)" now.
        var pageViews = audit.Where(e => e.Action.StartsWith("View:", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(pageViews);
        Assert.All(pageViews, e => Assert.Equal(AuditKeys.Erased, e.ClientAddress));
        Assert.All(pageViews, e => Assert.True(e.UserAgent is null or AuditKeys.Erased, e.UserAgent)); // the test's client sends none
        var verify = await host.AdminAsync(azurite, "verify-audit");
        Assert.True(verify.Code == 0, verify.Error);
    }

    [Fact]
    public async Task Erase_AFullJourney_TakesItOffTheBoardAndOutOfTheVenueTotals()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var id = await PrivacyScenario.FullJourneyAsync(host);
        var sessions = host.App.Services.GetRequiredService<ISessionStore>();
        Assert.Equal(1, (await sessions.GetVenueOutcomesAsync(CoordinatorHost.Harbor, Ct)).Sessions);

        Assert.Equal(0, (await host.AdminAsync(azurite, "erase", "--referral", id)).Code);

        var totals = await sessions.GetVenueOutcomesAsync(CoordinatorHost.Harbor, Ct);
        Assert.Equal((0, 0, 0, 0), (totals.Sessions, totals.Referrals, totals.FollowUps, totals.FollowUpsReplied));
        Assert.All(totals.Symptoms.Values, s => Assert.Equal((0, 0L, 0L), (s.N, s.SumPre, s.SumPost)));
        var pipeline = await (await host.SignInAsync(CoordinatorHost.HarborCoordinator)).GetStringAsync(new Uri("api/pipeline", UriKind.Relative), Ct);
        Assert.DoesNotContain(id, pipeline, StringComparison.Ordinal);
        Assert.Contains("\"counts\":{}", pipeline, StringComparison.Ordinal); // nothing left on the board: every count back to zero
    }

    [Fact]
    public async Task Erase_ARunningReferral_TerminatesAndPurgesItsOrchestration()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var id = await PrivacyScenario.SubmitAsync(host);
        Assert.Equal("Running", (await PrivacyScenario.InstanceAsync(host, id)).Status);

        var (code, _, error) = await host.AdminAsync(azurite, "erase", "--referral", id);

        Assert.True(code == 0, error);
        Assert.False((await PrivacyScenario.InstanceAsync(host, id)).Exists);
        Assert.DoesNotContain(await PrivacyScenario.ScanAsync(host), r => !PrivacyScenario.IsTombstone(r, id) && (r.Text.Contains(id, StringComparison.Ordinal) || r.Row.PartitionKey == id));
    }

    [Fact]
    public async Task Erase_TwiceAndAfterAPartialErase_FinishesTheJobAndCountsNothingTwice()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var first = await PrivacyScenario.SubmitAsync(host);
        var second = await PrivacyScenario.SubmitAsync(host);
        var board = host.App.Services.GetRequiredService<PipelineBoard>();

        // A crash halfway: the board entry and the timeline are gone, the rest (referral row included) is not.
        await board.RemoveAsync(CoordinatorHost.Harbor, first, Ct);
        var timeline = host.Tables.GetTableClient(host.TablePrefix + StorageTables.Timeline);
        await foreach (var row in timeline.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {first}"), cancellationToken: Ct))
        {
            await timeline.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: Ct);
        }

        var rerun = await host.AdminAsync(azurite, "erase", "--referral", first);
        var again = await host.AdminAsync(azurite, "erase", "--referral", first);

        Assert.Equal((0, 0), (rerun.Code, again.Code));
        Assert.Contains("no referral row was left", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(await PrivacyScenario.ScanAsync(host), r => !PrivacyScenario.IsTombstone(r, first) && (r.Text.Contains(first, StringComparison.Ordinal) || r.Row.PartitionKey == first));
        var pipeline = await (await host.SignInAsync(CoordinatorHost.HarborCoordinator)).GetStringAsync(new Uri("api/pipeline", UriKind.Relative), Ct);
        Assert.Contains($"\"{Stage.MdReleaseRequested}\":1", pipeline, StringComparison.Ordinal); // the other referral, counted once
        Assert.Contains(second, pipeline, StringComparison.Ordinal);
        Assert.Equal(2, (await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(first, 100, Ct)).Count(e => e.Action == ReferralErasure.AuditAction));
    }

    [Fact]
    public async Task ErasePhone_TwoReferralsOfTheNumber_ErasesBothAndTheNumber()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var first = await PrivacyScenario.SubmitAsync(host);
        var second = await PrivacyScenario.SubmitAsync(host);

        var (code, output, error) = await host.AdminAsync(azurite, "erase", "--phone", "+1" + PrivacyScenario.PhoneDigits);

        Assert.True(code == 0, error);
        Assert.Contains($"Erased {first}", output, StringComparison.Ordinal);
        Assert.Contains($"Erased {second}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(await PrivacyScenario.ScanAsync(host), r => r.Text.Contains(PrivacyScenario.PhoneDigits, StringComparison.Ordinal)
            || r.Row.PartitionKey.Contains(PrivacyScenario.PhoneDigits, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData]
    [InlineData("--referral", "ref-0123")]
    [InlineData("--phone", "617-555-0143")]
    [InlineData("--referral", "ref-0123456789abcdef0123456789abcdef", "--phone", "+16175550143")]
    public async Task Erase_InvalidArguments_Refused2AndWritesNothing(params string[] options)
    {
        var prefix = "e" + Guid.NewGuid().ToString("N")[..12];
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await AdminCommands.TryRunAsync(["erase", .. options, $"--AzureWebJobsStorage={azurite.ConnectionString}", $"--Storage:TablePrefix={prefix}"], output, error);

        Assert.Equal(AdminCommands.Refused, code);
        Assert.Contains("usage: erase", error.ToString(), StringComparison.Ordinal);
        var tables = new List<string>();
        await foreach (var table in new TableServiceClient(azurite.ConnectionString).QueryAsync(cancellationToken: Ct))
        {
            if (table.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                tables.Add(table.Name);
            }
        }

        Assert.Empty(tables);
    }
}
