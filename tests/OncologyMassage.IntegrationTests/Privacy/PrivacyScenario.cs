using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Admin;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Privacy;

/// <summary>
/// What the data lifecycle tests share: a host with every workflow duration shrunk (<see cref="PrivacyHost"/>, one per
/// class), a client of the test's own (<see cref="PrivacyClient"/>) whose whole journey is played by its actors, the
/// admin commands run against the host's own storage and task hub, and a scan of every table of the host.
/// </summary>
internal static class PrivacyScenario
{
    public static readonly Dictionary<string, string?> Fast = new()
    {
        ["Workflow:FirstFollowUpAfter"] = "00:00:01",
        ["Workflow:SecondFollowUpAfter"] = "00:00:02",
        ["Workflow:ThirdFollowUpAfter"] = "00:00:03",
        ["Workflow:FollowUpReplyWindow"] = "00:00:30",
        ["LocalHost:PrivacyJobsDelay"] = "1.00:00:00", // the tests run the jobs themselves
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<TestHost> StartAsync(AzuriteFixture azurite) => TestHost.StartAsync(azurite, Fast);

    /// <summary>Runs an admin command against the host's storage, table prefix and task hub; returns the exit code, output and errors.</summary>
    public static async Task<(int Code, string Output, string Error)> AdminAsync(this TestHost host, AzuriteFixture azurite, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCommands.TryRunAsync(
            [.. args, $"--AzureWebJobsStorage={azurite.ConnectionString}", $"--Storage:TablePrefix={host.TablePrefix}", $"--DurableTaskHubName={host.TaskHub}", "--by=test-operator"],
            output, error) ?? throw new InvalidOperationException($"'{args[0]}' is not an admin command.");
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The erasure tombstone of <paramref name="referralId"/>: the one row an erase leaves that names the referral id.</summary>
    public static bool IsTombstone((string Table, TableEntity Row, string Text) row, string referralId) =>
        row.Table == StorageTables.Audit && row.Row.PartitionKey == AuditPartitions.Erasures && row.Row.GetString("Subject") == referralId;

    /// <summary>Every row of every table of the host (its app tables and its task hub's), as "table/partition/row: values".</summary>
    public static async Task<IReadOnlyList<(string Table, TableEntity Row, string Text)>> ScanAsync(TestHost host)
    {
        var rows = new List<(string, TableEntity, string)>();
        await foreach (var table in host.Tables.QueryAsync(cancellationToken: Ct))
        {
            if (!table.Name.StartsWith(host.TablePrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue; // another host's tables
            }

            await foreach (var row in host.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: Ct))
            {
                var text = string.Join(" | ", row.Select(p => $"{p.Key}={p.Value}"));
                rows.Add((table.Name[host.TablePrefix.Length..], row, text));
            }
        }

        return rows;
    }

    public static async Task<OrchestrationState> InstanceAsync(TestHost host, string id) =>
        await host.Durable.GetInstancesAsync(id, cancellation: Ct) is { } instance ? new(true, instance.RuntimeStatus.ToString()) : new(false, null);

    public static void Ok(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }
}

/// <summary>The host a data lifecycle class shares among its tests: the test defaults with <see cref="PrivacyScenario.Fast"/>.</summary>
public sealed class PrivacyHost(AzuriteFixture azurite) : SharedHost(azurite)
{
    protected override Task<TestHost> StartAsync(AzuriteFixture azurite) => PrivacyScenario.StartAsync(azurite);
}

/// <summary>
/// The client of one test on a shared <see cref="PrivacyHost"/>: a venue and coordinator of their own (board, counts,
/// outcome totals, slots), a phone number and a family name no other test uses, so "nothing left of this client in
/// any table" can be checked on a host other tests write to.
/// </summary>
internal sealed class PrivacyClient : IDisposable
{
    private PrivacyClient(TestHost host, TestVenue venue)
    {
        Host = host;
        Venue = venue;
    }

    public TestHost Host { get; }

    public TestVenue Venue { get; }

    public TestPhone Phone { get; } = TestPhone.Unique();

    /// <summary>"Sample" and ten letters of the test's own (the sample's own "Sample" is in every other test's rows).</summary>
    public string FamilyName { get; } = "Sample" + string.Concat(Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26))));

    /// <summary>The number's ten digits ("6175550143"), as they appear in any row that holds it.</summary>
    public string PhoneDigits => Phone.E164[2..];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PrivacyClient> CreateAsync(TestHost host) => new(host, await TestVenue.CreateAsync(host));

    /// <summary>Whether a scanned row holds this client's phone number or family name.</summary>
    public bool IsNamedIn((string Table, TableEntity Row, string Text) row) =>
        row.Text.Contains(PhoneDigits, StringComparison.Ordinal) || row.Row.PartitionKey.Contains(PhoneDigits, StringComparison.Ordinal)
        || row.Text.Contains(FamilyName, StringComparison.Ordinal);

    /// <summary>The sample referral for one session, for this client at their venue; waits until it asks for the release.</summary>
    public Task<string> SubmitAsync() => Venue.SubmitAsync(r =>
    {
        r["sessionsAuthorised"] = 1;
        r["client"]!["mobilePhone"] = Phone.Display;
        r["client"]!["familyName"] = FamilyName;
    });

    /// <summary>The client's referral through every stage to Completed: every table the app owns gets rows.</summary>
    public async Task<string> FullJourneyAsync()
    {
        var id = await SubmitAsync();
        var therapist = Venue.Coordinator;
        using var links = new HttpClient { BaseAddress = Host.Http.BaseAddress };
        var actors = new ReferralActors(links, Host.App.Services.GetRequiredService<IMessageOutbox>(), phone: therapist);
        PrivacyScenario.Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        PrivacyScenario.Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        PrivacyScenario.Ok(await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct));
        PrivacyScenario.Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada " + FamilyName), Ct));
        await Host.WaitForStageAsync(id, Stage.SessionScheduled);
        using (var session = await therapist.PostAsync($"api/referrals/{id}/sessions", JsonContent.Create(new
        {
            pressureUsed = 2,
            sitesAvoided = new[] { "chest:right" },
            position = "supine",
            pre = new { pain = 4, anxiety = 6, nausea = 2, fatigue = 7 },
            post = new { pain = 2, anxiety = 3, nausea = 1, fatigue = 5 },
            reactions = "none",
        }), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, session.StatusCode);
        }

        PrivacyScenario.Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "pain 2 tired 3 nausea 0 worry 1", Ct));
        PrivacyScenario.Ok(await actors.AnswerSurveyAsync(id, 1, new Dictionary<string, string> { ["pain"] = "1", ["wellBeing"] = "2", ["changes"] = "Sleeping better" }, Ct));
        PrivacyScenario.Ok(await actors.ReplyToTextAsync(id, ":sms30d-1", "no problems, thank you", Ct));
        await Host.WaitForStageAsync(id, Stage.Completed, TimeSpan.FromSeconds(90));
        PrivacyScenario.Ok(await therapist.GetAsync($"api/pipeline?stage={Stage.Completed}", Ct)); // a pipeline page that lists it
        return id;
    }

    /// <summary>The client's referral, cancelled by the venue's coordinator.</summary>
    public async Task<string> CancelledAsync()
    {
        var id = await SubmitAsync();
        using var cancelled = await Venue.Coordinator.PostAsync($"api/referrals/{id}/cancel",
            new StringContent("""{"reason":"Client moved away"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        await Host.WaitForStageAsync(id, Stage.Cancelled);
        return id;
    }

    public void Dispose() => Venue.Dispose();
}

internal sealed record OrchestrationState(bool Exists, string? Status);
