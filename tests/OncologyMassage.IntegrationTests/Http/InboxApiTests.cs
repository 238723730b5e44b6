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
/// <remarks>
/// The class shares one <see cref="SharedCoordinatorHost"/>. The inbox is one list for the whole deployment, so each test
/// texts from numbers of its own (<see cref="TestPhone"/>) with message ids of its own, reads only its own entries
/// (found by id in a page large enough for every entry of the class), compares the open count before and after, and
/// finds its audit entries by a coordinator of its own (<see cref="TestVenue"/>) or by the entry id.
/// </remarks>
public sealed class InboxApiTests(SharedCoordinatorHost shared) : IClassFixture<SharedCoordinatorHost>
{
    private const int All = 200; // more than every entry the class's tests add
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestHost host = shared.Host;
    private readonly string stranger = TestPhone.Unique().E164;
    private readonly string run = Guid.NewGuid().ToString("N")[..12];

    private IInboxStore Inbox => host.App.Services.GetRequiredService<IInboxStore>();

    /// <summary>Adds a text with this test's own message id (<paramref name="messageId"/> and the test's suffix).</summary>
    private async Task<string> AddAsync(string messageId, string text, RedFlagLevel level, DateTimeOffset at, string? from = null)
    {
        await Inbox.TryAddAsync(new InboxMessage(messageId + run, from ?? stranger, text, level, at), Ct);
        return TableInboxStore.EntryId(messageId + run, at);
    }

    /// <summary>This test's entry in the whole inbox.</summary>
    private async Task<InboxEntry> EntryAsync(string id) => Assert.Single((await Inbox.ListAsync(All, Ct)).Entries, e => e.Id == id);

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task GetInbox_CoordinatorOfAnyVenue_ListsEveryEntryNewestFirstWithLevelAndOpenCount()
    {
        using var lighthouse = await host.SignInAsync(LighthouseCoordinator); // coordinates another venue than the demo referrals'
        var openBefore = (await lighthouse.GetFromJsonAsync<JsonElement>("api/inbox", Ct)).GetProperty("openCount").GetInt32();
        var older = await AddAsync("SMa", "hello, who is this?", RedFlagLevel.None, DateTimeOffset.UtcNow.AddHours(-2));
        var newer = await AddAsync("SMb", "I can't breathe", RedFlagLevel.Immediate, DateTimeOffset.UtcNow.AddHours(-1));

        var inbox = await lighthouse.GetFromJsonAsync<JsonElement>($"api/inbox?max={All}", Ct);

        Assert.Equal(openBefore + 2, inbox.GetProperty("openCount").GetInt32());
        var entries = inbox.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("id").GetString() is var id && (id == newer || id == older)).ToArray();
        Assert.Equal([newer, older], entries.Select(e => e.GetProperty("id").GetString()).ToArray());
        Assert.Equal(("Immediate", stranger, "I can't breathe"),
            (entries[0].GetProperty("level").GetString(), entries[0].GetProperty("fromPhone").GetString(), entries[0].GetProperty("text").GetString()));
    }

    [Fact]
    public async Task GetInbox_Read_IsAuditedWithTheIdsItShowedAndNoContent()
    {
        var id = await AddAsync("SMa", "hello", RedFlagLevel.None, DateTimeOffset.UtcNow);
        using var venue = await TestVenue.CreateAsync(host); // a coordinator of the test's own, so the read is found by who read

        using var response = await venue.Coordinator.GetAsync($"api/inbox?max={All}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToArray();
        var read = Assert.Single(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(AuditPartitions.Inbox, All, Ct), e => e.CallerId == venue.CoordinatorId);
        Assert.Equal(("GetInbox", "coordinator"), (read.Action, read.CallerKind));
        Assert.Equal(shown, read.Subject?.Split(','));
        Assert.Contains(id, shown);
        Assert.DoesNotContain("hello", read.Subject, StringComparison.Ordinal);
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
        var openBefore = (await Inbox.ListAsync(All, Ct)).OpenCount;

        using var response = await coordinator.PostAsync($"api/inbox/{id}/handled", JsonContent("""{"note":"Called back: a wrong number"}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var handled = (await EntryAsync(id)).Handled;
        Assert.Equal((HarborCoordinator, "Called back: a wrong number"), (handled?.ById, handled?.Note));
        Assert.Equal(openBefore - 1, (await Inbox.ListAsync(All, Ct)).OpenCount);
        var audit = await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(AuditPartitions.Inbox, All, Ct);
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
        Assert.Equal(HarborCoordinator, (await EntryAsync(id)).Handled?.ById);
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
        Assert.Null((await EntryAsync(id)).Handled);
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
        Assert.Null((await EntryAsync(id)).Handled);
    }

    [Fact]
    public async Task EraseByPhone_NumberWithOnlyInboxTexts_ErasesThemAndLeavesOtherNumbersAndATombstone()
    {
        var other = TestPhone.Unique().E164;
        await AddAsync("SMa", "hello", RedFlagLevel.None, DateTimeOffset.UtcNow);
        await AddAsync("SMb", "hello again", RedFlagLevel.None, DateTimeOffset.UtcNow.AddMinutes(1));
        await AddAsync("SMc", "someone else", RedFlagLevel.None, DateTimeOffset.UtcNow, from: other);
        var operatorId = "operator-" + run;

        var results = await host.App.Services.GetRequiredService<ReferralErasure>()
            .EraseByPhoneAsync(stranger, new PrivacyActor(AuditCallers.Admin, operatorId), Ct);

        Assert.Empty(results);
        var rows = (await host.RowsAsync(StorageTables.Inbox)).Where(r => r.GetString("FromPhone") is { } from && (from == stranger || from == other)).ToArray();
        Assert.All(rows, r => Assert.Equal(other, r.GetString("FromPhone")));
        Assert.Equal(2, rows.Length); // the other number's entry and its message-id claim
        Assert.Contains(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(AuditPartitions.Inbox, All, Ct),
            e => e.Action == ReferralErasure.AuditAction && e.CallerId == operatorId);
    }

    [Fact]
    public async Task RetentionSweep_InboxTextsOlderThanTheRetentionYears_AreErasedNewerKept()
    {
        await AddAsync("SMold", "old", RedFlagLevel.None, DateTimeOffset.UtcNow.AddYears(-8));
        var recent = await AddAsync("SMnew", "new", RedFlagLevel.None, DateTimeOffset.UtcNow.AddDays(-1));

        await host.App.Services.GetRequiredService<RetentionSweep>().RunAsync(Ct);

        var old = "SMold" + run;
        Assert.Equal(recent, Assert.Single((await Inbox.ListAsync(All, Ct)).Entries, e => e.Message.FromPhone == stranger).Id);
        Assert.DoesNotContain(await host.RowsAsync(StorageTables.Inbox), r => r.GetString("MessageId") == old || r.RowKey == "m|" + old);
    }
}
