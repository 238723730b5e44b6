using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
/// What the data lifecycle tests share: a host with every workflow duration shrunk, a whole journey played by its
/// actors, the admin commands run against the host's own storage and task hub, and a scan of every table of the host.
/// </summary>
internal static class PrivacyScenario
{
    public const string FamilyName = "Sample";
    public const string PhoneDigits = "6175550143";

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

    /// <summary>The sample referral for one session, through every stage to Completed: every table the app owns gets rows.</summary>
    public static async Task<string> FullJourneyAsync(TestHost host)
    {
        var id = await SubmitAsync(host);
        var therapist = await host.SignInAsync(CoordinatorHost.HarborCoordinator);
        var actors = new ReferralActors(new HttpClient { BaseAddress = host.Http.BaseAddress }, host.App.Services.GetRequiredService<IMessageOutbox>(), phone: therapist);
        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        Ok(await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct));
        Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada Sample"), Ct));
        await host.WaitForStageAsync(id, Stage.SessionScheduled);
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

        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "pain 2 tired 3 nausea 0 worry 1", Ct));
        Ok(await actors.AnswerSurveyAsync(id, 1, new Dictionary<string, string> { ["pain"] = "1", ["wellBeing"] = "2", ["changes"] = "Sleeping better" }, Ct));
        Ok(await actors.ReplyToTextAsync(id, ":sms30d-1", "no problems, thank you", Ct));
        await host.WaitForStageAsync(id, Stage.Completed, TimeSpan.FromSeconds(90));
        Ok(await therapist.GetAsync($"api/pipeline?stage={Stage.Completed}", Ct)); // a pipeline page that lists it
        return id;
    }

    public static async Task<string> SubmitAsync(TestHost host)
    {
        using var posted = await host.PostReferralAsync(Samples.Referral(r => r["sessionsAuthorised"] = 1));
        posted.EnsureSuccessStatusCode();
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        return id;
    }

    /// <summary>Every row of every table of the host (its app tables and its task hub's), as "table/partition/row: values".</summary>
    /// <summary>The erasure tombstone of <paramref name="referralId"/>: the one row an erase leaves that names the referral id.</summary>
    public static bool IsTombstone((string Table, TableEntity Row, string Text) row, string referralId) =>
        row.Table == StorageTables.Audit && row.Row.PartitionKey == AuditPartitions.Erasures && row.Row.GetString("Subject") == referralId;

    public static async Task<IReadOnlyList<(string Table, TableEntity Row, string Text)>> ScanAsync(TestHost host)
    {
        var rows = new List<(string, TableEntity, string)>();
        await foreach (var table in host.Tables.QueryAsync(cancellationToken: Ct))
        {
            if (!table.Name.StartsWith(host.TablePrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue; // another test's tables
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

    private static void Ok(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }
}

internal sealed record OrchestrationState(bool Exists, string? Status);
