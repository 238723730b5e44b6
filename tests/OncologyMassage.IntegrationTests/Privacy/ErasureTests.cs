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
/// <remarks>
/// The class shares one <see cref="PrivacyHost"/>; each test has a client of its own (<see cref="PrivacyClient"/>: venue,
/// coordinator, phone and family name), so "nothing left of the client" is checked on a host other tests write to. The
/// two whole journeys are here, the shorter erasures in <see cref="PartialErasureTests"/>, so the two run side by side.
/// </remarks>
public sealed class ErasureTests(AzuriteFixture azurite, PrivacyHost shared) : IClassFixture<PrivacyHost>
{
    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erase_AFullJourney_LeavesNothingButTheTombstone()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.FullJourneyAsync();
        var before = await PrivacyScenario.ScanAsync(host);
        Assert.Contains(before, r => r.Text.Contains(client.PhoneDigits, StringComparison.Ordinal)); // the scan sees what erase must remove
        Assert.Contains(before, r => r.Table == "History" && r.Row.PartitionKey == id);

        var (code, output, error) = await host.AdminAsync(azurite, "erase", "--referral", id);

        Assert.True(code == 0, error);
        Assert.Contains($"Erased {id}", output, StringComparison.Ordinal);
        var after = await PrivacyScenario.ScanAsync(host);
        var leftovers = after.Where(r => !PrivacyScenario.IsTombstone(r, id)
            && (r.Text.Contains(id, StringComparison.Ordinal) || r.Row.PartitionKey == id || r.Row.RowKey.Contains(id, StringComparison.Ordinal) || client.IsNamedIn(r)))
            .Select(r => $"{r.Table}/{r.Row.PartitionKey}/{r.Row.RowKey}: {r.Text}").ToArray();
        Assert.True(leftovers.Length == 0, string.Join(Environment.NewLine, leftovers));
        Assert.DoesNotContain(after, client.IsNamedIn);
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
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.FullJourneyAsync();
        var sessions = host.App.Services.GetRequiredService<ISessionStore>();
        Assert.Equal(1, (await sessions.GetVenueOutcomesAsync(client.Venue.Id, Ct)).Sessions);

        Assert.Equal(0, (await host.AdminAsync(azurite, "erase", "--referral", id)).Code);

        var totals = await sessions.GetVenueOutcomesAsync(client.Venue.Id, Ct);
        Assert.Equal((0, 0, 0, 0), (totals.Sessions, totals.Referrals, totals.FollowUps, totals.FollowUpsReplied));
        Assert.All(totals.Symptoms.Values, s => Assert.Equal((0, 0L, 0L), (s.N, s.SumPre, s.SumPost)));
        var pipeline = await client.Venue.Coordinator.GetStringAsync(new Uri("api/pipeline", UriKind.Relative), Ct);
        Assert.DoesNotContain(id, pipeline, StringComparison.Ordinal);
        Assert.Contains("\"counts\":{}", pipeline, StringComparison.Ordinal); // nothing left on the board: every count back to zero
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
