using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// The engine's history holds no health information: whole journeys on the real engine with a unique marker in every
/// free-text field a person fills in (referral, release, hold answer, intake, consent, session, SMS replies, survey,
/// withdrawal reason, cancel reason), then every row of the task hub's History and Instances tables and every blob of
/// its containers (large messages) is read: no marker may appear there, while the app's own tables hold them. The
/// journeys run on the shared journey host (<see cref="FastJourneyHost"/>): the markers are unique to this test, so
/// other journeys' history read along with its own changes nothing the scan proves.
/// </summary>
public sealed class HistoryPrivacyTests(AzuriteFixture azurite, FastJourneyHost fast)
{
    private readonly Dictionary<string, string> markers = new(StringComparer.Ordinal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A unique, letters-only marker for one field (names and free text alike accept it).</summary>
    private string Marker(string field)
    {
        var letters = string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16) % 26))));
        return markers[field] = "Mrk" + letters[..14];
    }

    private static void Ok(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }

    private async Task<string> SubmitAsync(Journey journey)
    {
        using var posted = await journey.Host.PostReferralAsync(journey.Referral(r =>
        {
            r["sessionsAuthorised"] = 1;
            r["client"]!["givenName"] = "Ada" + Marker("client given name");
            r["client"]!["familyName"] = "Sample" + Marker("client family name");
            r["oncologist"]!["name"] = "Dr. Rosa " + Marker("oncologist name");
            r["clinicalSummary"]!["cancerType"] = "Breast cancer " + Marker("referral cancer type");
            r["clinicalSummary"]!["precautions"]![1]!["detail"] = "Sentinel node biopsy " + Marker("precaution detail");
            r["notes"] = "Prefers afternoons " + Marker("referral notes");
        }));
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private Dictionary<string, string> Restrictions(string who)
    {
        var signer = "Dr. Oncologist " + Marker(who + " physician name");
        return new Dictionary<string, string>
        {
            ["decision"] = "restrict",
            ["maxPressure"] = "3",
            ["conditions"] = "Keep the left arm free " + Marker(who + " conditions"),
            ["recommendations"] = "Gentle work only " + Marker(who + " recommendations"),
            ["physicianContact"] = "Call the office " + Marker(who + " physician contact"),
            ["physicianName"] = signer,
            ["signature"] = signer,
            ["attest"] = "yes",
        };
    }

    private Dictionary<string, string> Intake()
    {
        var intake = ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow));
        intake["cancerType"] = "Breast cancer " + Marker("intake cancer type");
        intake["goals"] = "Sleep better " + Marker("intake goals");
        intake["careTeam.name"] = "Nurse " + Marker("intake care team name");
        intake["medications"] = "Letrozole " + Marker("intake medications");
        intake["today.temperatureCelsius"] = "38.6"; // a fever: the plan holds and the oncologist is asked (the hold answer carries markers too)
        return intake;
    }

    private static Task<ReferralState> ReachAsync(TestHost host, string id, Stage stage) => host.WaitForStageAsync(id, stage, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Journeys_MarkersInEveryFreeTextField_NoMarkerInTheTaskHubsHistoryInstancesOrBlobs()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, therapist) = journey;

        // A whole journey, with a hold question on the way.
        var id = await SubmitAsync(journey);
        Ok(await actors.DecideReleaseAsync(id, Restrictions("release"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, Intake(), Ct));
        await ReachAsync(host, id, Stage.NeedsMdInput);
        Ok(await actors.AnswerHoldQuestionAsync(id, Restrictions("hold answer"), Ct));
        Ok(await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct));
        var consent = ReferralActors.Consent("Ada " + Marker("consent signer"));
        consent.Remove("visitAddress"); // an infusion center does not ask for one
        Ok(await actors.SignConsentAsync(id, consent, Ct));
        await ReachAsync(host, id, Stage.SessionScheduled);
        using (var session = await therapist.PostAsync($"api/referrals/{id}/sessions", JsonContent.Create(new
        {
            pressureUsed = 2,
            sitesAvoided = new[] { "chest:right" },
            position = "supine",
            pre = new { pain = 4, anxiety = 6, nausea = 2, fatigue = 7 },
            post = new { pain = 2, anxiety = 3, nausea = 1, fatigue = 5 },
            reactions = "Slight redness " + Marker("session reactions"),
            notes = "Client relaxed " + Marker("session notes"),
        }), Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, session.StatusCode);
        }

        Ok(await actors.ReplyToTextAsync(id, ":sms24h-1", "pain 2 tired 3 nausea 0 worry 1 " + Marker("24 h reply"), Ct));
        Ok(await actors.AnswerSurveyAsync(id, 1, new Dictionary<string, string> { ["pain"] = "1", ["changes"] = "Arm feels lighter " + Marker("survey text") }, Ct));
        Ok(await actors.ReplyToTextAsync(id, ":sms30d-1", "no problems " + Marker("30 d reply"), Ct));
        await ReachAsync(host, id, Stage.Completed);

        // A client who withdraws consent with a reason, and a referral a coordinator cancels with one.
        var withdrawn = await SubmitAsync(journey);
        Ok(await actors.DecideReleaseAsync(withdrawn, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(withdrawn, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        Ok(await actors.ReplyToTextAsync(withdrawn, ":slots:1:1", "1", Ct));
        Ok(await actors.SignConsentAsync(withdrawn, ReferralActors.Consent("Ada Sample"), Ct));
        await ReachAsync(host, withdrawn, Stage.SessionScheduled);
        Ok(await actors.WithdrawConsentAsync(withdrawn, "Feeling overwhelmed " + Marker("withdrawal reason"), Ct));
        await ReachAsync(host, withdrawn, Stage.Withdrawn);

        var cancelled = await SubmitAsync(journey);
        await ReachAsync(host, cancelled, Stage.MdReleaseRequested);
        using (var cancel = await therapist.PostAsync($"api/referrals/{cancelled}/cancel",
            JsonContent.Create(new { reason = "Moved to hospice " + Marker("cancel reason") }), Ct))
        {
            Assert.True(cancel.IsSuccessStatusCode, $"cancel answered {(int)cancel.StatusCode}");
        }

        await ReachAsync(host, cancelled, Stage.Cancelled);
        // Every instance has ended, so its output is in the Instances table too. A cancel or withdrawal that interrupts a
        // wait must not leave a durable timer open: that would keep the instance Running until the timer fires.
        foreach (var instanceId in new[] { id, withdrawn, cancelled })
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            wait.CancelAfter(TimeSpan.FromSeconds(60));
            var done = await host.Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, wait.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        }

        var engineText = await TaskHubTextAsync(host);
        var appText = await AppTablesTextAsync(host);

        Assert.True(engineText.Length > 10_000, $"only {engineText.Length} characters read from the task hub"); // the scan read the history
        Assert.Empty(markers.Where(m => engineText.Contains(m.Value, StringComparison.OrdinalIgnoreCase)).Select(m => m.Key));
        // The markers did go in: each one is stored in the app's own tables, where erase and export can reach it.
        Assert.Empty(markers.Where(m => !appText.Contains(m.Value, StringComparison.OrdinalIgnoreCase)).Select(m => m.Key));
    }

    /// <summary>Every property of every row of the hub's History and Instances tables and every blob of the hub's containers.</summary>
    private async Task<string> TaskHubTextAsync(TestHost host)
    {
        var text = new StringBuilder();
        foreach (var table in new[] { host.TaskHub + "History", host.TaskHub + "Instances" })
        {
            await AppendRowsAsync(host.Tables.GetTableClient(table), text);
        }

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: host.TaskHub.ToLowerInvariant(), cancellationToken: Ct))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(cancellationToken: Ct))
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync(Ct)).Value.Content.ToArray();
                text.AppendLine(Decode(content));
            }
        }

        return text.ToString();
    }

    private static async Task<string> AppTablesTextAsync(TestHost host)
    {
        var text = new StringBuilder();
        await foreach (var table in host.Tables.QueryAsync(cancellationToken: Ct))
        {
            if (table.Name.StartsWith(host.TablePrefix, StringComparison.Ordinal) && table.Name != host.TaskHub + "History" && table.Name != host.TaskHub + "Instances")
            {
                await AppendRowsAsync(host.Tables.GetTableClient(table.Name), text);
            }
        }

        return text.ToString();
    }

    private static async Task AppendRowsAsync(TableClient table, StringBuilder text)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            foreach (var (key, value) in row)
            {
                text.Append(key).Append('=').AppendLine(value is byte[] bytes ? Decode(bytes) : value?.ToString());
            }
        }
    }

    /// <summary>Large messages are stored gzip-compressed: read them as the engine would.</summary>
    private static string Decode(byte[] content)
    {
        if (content.Length > 2 && content[0] == 0x1f && content[1] == 0x8b)
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(content);
    }
}
