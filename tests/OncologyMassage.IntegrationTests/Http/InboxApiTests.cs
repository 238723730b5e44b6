using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Privacy;
using static OncologyMassage.IntegrationTests.Infrastructure.CoordinatorHost;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// GET /api/inbox and POST /api/inbox/{id}/handled on the real table adapters: any signed-in coordinator of the
/// deployment, whatever their venues; practices and strangers refused; reads and marks audited; erase and retention.
/// </summary>
public sealed class InboxApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Stranger = "+16175550199";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestHost host = null!;

    public async ValueTask InitializeAsync() => host = await CoordinatorHost.StartAsync(azurite);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private IInboxStore Inbox => host.App.Services.GetRequiredService<IInboxStore>();

    private async Task<string> AddAsync(string messageId, string text, RedFlagLevel level, DateTimeOffset at, string from = Stranger)
    {
        await Inbox.TryAddAsync(new InboxMessage(messageId, from, text, level, at), Ct);
        return TableInboxStore.EntryId(messageId, at);
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task GetInbox_CoordinatorOfAnyVenue_ListsEveryEntryNewestFirstWithLevelAndOpenCount()
    {
        var older = await AddAsync("SMa", "hello, who is this?", RedFlagLevel.None, DateTimeOffset.UtcNow.AddHours(-2));
        var newer = await AddAsync("SMb", "I can't breathe", RedFlagLevel.Immediate, DateTimeOffset.UtcNow.AddHours(-1));
        using var lighthouse = await host.SignInAsync(LighthouseCoordinator); // coordinates another venue than the demo referrals'

        var inbox = await lighthouse.GetFromJsonAsync<JsonElement>("api/inbox", Ct);

        Assert.Equal(2, inbox.GetProperty("openCount").GetInt32());
        var entries = inbox.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal([newer, older], entries.Select(e => e.GetProperty("id").GetString()).ToArray());
        Assert.Equal(("Immediate", Stranger, "I can't breathe"),
            (entries[0].GetProperty("level").GetString(), entries[0].GetProperty("fromPhone").GetString(), entries[0].GetProperty("text").GetString()));
    }

    [Fact]
    public async Task GetInbox_Read_IsAuditedWithTheIdsItShowedAndNoContent()
    {
        var id = await AddAsync("SMa", "hello", RedFlagLevel.None, DateTimeOffset.UtcNow);
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.GetAsync("api/inbox", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = Assert.Single(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(AuditPartitions.Inbox, 10, Ct));
        Assert.Equal(("GetInbox", "coordinator", HarborCoordinator, id), (read.Action, read.CallerKind, read.CallerId, read.Subject));
    }

    [Fact]
    public async Task GetInbox_PracticeKey_Returns403AndNoEntries()
    {
        await AddAsync("SMa", "hello", RedFlagLevel.None, DateTimeOffset.UtcNow);

        using var response = await host.Http.GetAsync("api/inbox", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("hello", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("ten")]
    public async Task GetInbox_MaxOutOfRange_Returns400Problem(string max)
    {
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.GetAsync($"api/inbox?max={max}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MarkInboxHandled_WithNote_RecordsWhoWhenAndTheNoteAndAuditsIt()
    {
        var id = await AddAsync("SMa", "hello", RedFlagLevel.None, DateTimeOffset.UtcNow);
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.PostAsync($"api/inbox/{id}/handled", JsonContent("""{"note":"Called back: a wrong number"}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listing = await Inbox.ListAsync(10, Ct);
        var handled = Assert.Single(listing.Entries).Handled;
        Assert.Equal((HarborCoordinator, "Called back: a wrong number"), (handled?.ById, handled?.Note));
        Assert.Equal(0, listing.OpenCount);
        var audit = await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(AuditPartitions.Inbox, 10, Ct);
        Assert.Contains(audit, e => e.Action == "MarkInboxHandled" && e.CallerId == HarborCoordinator && e.Subject == id);
    }

    [Fact]
    public async Task MarkInboxHandled_AlreadyHandled_Returns409AndKeepsTheFirstMark()
    {
        var id = await AddAsync("SMa", "hello", RedFlagLevel.None, DateTimeOffset.UtcNow);
        using var harbor = await host.SignInAsync(HarborCoordinator);
        using var lighthouse = await host.SignInAsync(LighthouseCoordinator);
        (await harbor.PostAsync($"api/inbox/{id}/handled", JsonContent("{}"), Ct)).Dispose();

        using var again = await lighthouse.PostAsync($"api/inbox/{id}/handled", JsonContent("""{"note":"me too"}"""), Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HarborCoordinator, Assert.Single((await Inbox.ListAsync(10, Ct)).Entries).Handled?.ById);
    }

    [Theory]
    [InlineData("0000000000000000000-0000000000000000")]
    [InlineData("not-an-id")]
    public async Task MarkInboxHandled_UnknownEntry_Returns404(string id)
    {
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.PostAsync($"api/inbox/{id}/handled", JsonContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MarkInboxHandled_NoteTooLong_Returns400AndWritesNothing()
    {
        var id = await AddAsync("SMa", "hello", RedFlagLevel.None, DateTimeOffset.UtcNow);
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.PostAsync($"api/inbox/{id}/handled", JsonContent(JsonSerializer.Serialize(new { note = new string('x', 501) })), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(Assert.Single((await Inbox.ListAsync(10, Ct)).Entries).Handled);
    }

    [Fact]
    public async Task MarkInboxHandled_FromAForeignOriginWithAValidSession_Returns403AndWritesNothing()
    {
        var id = await AddAsync("SMa", "hello", RedFlagLevel.None, DateTimeOffset.UtcNow);
        using var coordinator = await host.SignInAsync(HarborCoordinator);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/inbox/{id}/handled") { Content = JsonContent("{}") };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await coordinator.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Assert.Single((await Inbox.ListAsync(10, Ct)).Entries).Handled);
    }

    [Fact]
    public async Task EraseByPhone_NumberWithOnlyInboxTexts_ErasesThemAndLeavesOtherNumbersAndATombstone()
    {
        await AddAsync("SMa", "hello", RedFlagLevel.None, DateTimeOffset.UtcNow);
        await AddAsync("SMb", "hello again", RedFlagLevel.None, DateTimeOffset.UtcNow.AddMinutes(1));
        await AddAsync("SMc", "someone else", RedFlagLevel.None, DateTimeOffset.UtcNow, from: "+16175550177");

        var results = await host.App.Services.GetRequiredService<ReferralErasure>()
            .EraseByPhoneAsync(Stranger, new PrivacyActor(AuditCallers.Admin, "operator"), Ct);

        Assert.Empty(results);
        Assert.All(await host.RowsAsync(StorageTables.Inbox), r => Assert.Equal("+16175550177", r.GetString("FromPhone")));
        Assert.Equal(2, (await host.RowsAsync(StorageTables.Inbox)).Count); // the other number's entry and its message-id claim
        Assert.Contains(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(AuditPartitions.Inbox, 10, Ct),
            e => e.Action == ReferralErasure.AuditAction && e.CallerId == "operator");
    }

    [Fact]
    public async Task RetentionSweep_InboxTextsOlderThanTheRetentionYears_AreErasedNewerKept()
    {
        await AddAsync("SMold", "old", RedFlagLevel.None, DateTimeOffset.UtcNow.AddYears(-8));
        var recent = await AddAsync("SMnew", "new", RedFlagLevel.None, DateTimeOffset.UtcNow.AddDays(-1));

        await host.App.Services.GetRequiredService<RetentionSweep>().RunAsync(Ct);

        Assert.Equal(recent, Assert.Single((await Inbox.ListAsync(10, Ct)).Entries).Id);
        Assert.DoesNotContain(await host.RowsAsync(StorageTables.Inbox), r => r.GetString("MessageId") == "SMold" || r.RowKey == "m|SMold");
    }
}
