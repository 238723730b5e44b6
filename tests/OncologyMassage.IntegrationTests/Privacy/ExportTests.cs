using System.Net;
using System.Text.Json;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.IntegrationTests.Privacy;

/// <summary>
/// Export (issue 14 item 5): the admin command and the coordinators' route, one versioned document. The class shares a
/// <see cref="PrivacyHost"/>; each test exports a referral of its own, at a venue of its own (<see cref="PrivacyClient"/>).
/// </summary>
public sealed class ExportTests(AzuriteFixture azurite, PrivacyHost shared) : IClassFixture<PrivacyHost>
{
    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_AdminCommand_WritesOneVersionedDocumentWithMessagesAsSentAndTheAudit()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.SubmitAsync();
        // The stage moves to MdReleaseRequested before the release email is sent: wait for the send the export must show.
        await Eventually.UntilAsync(async () => (await host.RowsAsync(StorageTables.Outbox, id)).Any(r => r.RowKey.EndsWith(":md-release:1", StringComparison.Ordinal) && r.GetString("Status") == "Sent"), "the release email sent");
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, error) = await host.AdminAsync(azurite, "export", "--referral", id, "--out", file);

            Assert.True(code == 0, error);
            Assert.Contains("schema version 1", output, StringComparison.Ordinal);
            var document = JsonDocument.Parse(await File.ReadAllTextAsync(file, Ct)).RootElement;
            Assert.Equal((1, id), (document.GetProperty("schemaVersion").GetInt32(), document.GetProperty("referralId").GetString()));
            Assert.Equal("Ada", document.GetProperty("referral").GetProperty("referral").GetProperty("client").GetProperty("givenName").GetString());
            var release = Assert.Single(document.GetProperty("messages").EnumerateArray(), m => m.GetProperty("idempotencyKey").GetString()!.EndsWith(":md-release:1", StringComparison.Ordinal));
            Assert.Contains("/api/release/", release.GetProperty("body").GetString(), StringComparison.Ordinal);
            Assert.Contains(document.GetProperty("audit").EnumerateArray(), a => a.GetProperty("action").GetString() == ReferralExport.AuditAction);
            Assert.NotEmpty(document.GetProperty("timeline").EnumerateArray());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ExportReferral_EntriesInTheOldTimelineTable_ExportedInOrderWithTheNewOnes()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.SubmitAsync();
        await Eventually.UntilAsync(() => host.TimelineRowsAsync(id), rows => rows.Count > 0, "the first timeline entry");
        var legacy = host.Tables.GetTableClient(host.TablePrefix + StorageTables.Timeline);
        await legacy.CreateIfNotExistsAsync(Ct); // a deployment from before this release has it; a fresh host makes it only when read
        await legacy.AddEntityAsync(new Azure.Data.Tables.TableEntity(id, "000000")
        {
            ["At"] = DateTimeOffset.UnixEpoch, ["Kind"] = "Note", ["Stage"] = "Received", ["Detail"] = "Written before this release",
        }, Ct);

        using var response = await client.Venue.Coordinator.GetAsync($"api/referrals/{id}/export", Ct);

        var timeline = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("timeline").EnumerateArray().ToArray();
        Assert.Equal("Written before this release", timeline[0].GetProperty("detail").GetString());
        Assert.Contains(timeline, e => e.GetProperty("detail").GetString() != "Written before this release"); // and the entries of now
    }

    [Fact]
    public async Task ExportReferral_CoordinatorOfTheVenue_GetsTheDocumentAndOthersA404()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.SubmitAsync();
        var own = client.Venue.Coordinator;
        using var other = await host.SignInAsync(CoordinatorHost.LighthouseCoordinator);

        using var mine = await own.GetAsync($"api/referrals/{id}/export", Ct);
        using var theirs = await other.GetAsync($"api/referrals/{id}/export", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (mine.StatusCode, theirs.StatusCode));
        var document = JsonDocument.Parse(await mine.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(ReferralExportDocument.CurrentSchemaVersion, document.GetProperty("schemaVersion").GetInt32());
        Assert.Contains(document.GetProperty("audit").EnumerateArray(), a => a.GetProperty("action").GetString() == "ExportReferral");
        Assert.Equal("attachment", mine.Content.Headers.ContentDisposition?.DispositionType);
    }
}
