using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure.Sms;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;

namespace OncologyMassage.IntegrationTests.Messaging;

/// <summary>
/// The reconciliation's Twilio lookup with the real Twilio SDK against a WireMock stub of the Messages list that behaves
/// like Twilio's: newest first, <c>date_sent</c> empty while a text is queued, a <c>DateSent</c> filter leaving such a text
/// out, pages linked by <c>next_page_uri</c>. A queued text is found (and not sent again); paging stops at the row's window
/// or at <see cref="TwilioSmsLookup.MaxPages"/>.
/// </summary>
public sealed class TwilioSmsLookupTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Body = "Harbor Spa: your session on Friday at 10:00 is booked. Reply C to confirm.";
    private readonly WireMockServer stub = WireMockServer.Start();
    private readonly DateTimeOffset rowTime = DateTimeOffset.UtcNow.AddHours(-1);
    private ServiceProvider services = null!;

    public ValueTask InitializeAsync()
    {
        services = MessagingServices.Build(azurite, stub, TimeProvider.System);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        stub.Stop();
        stub.Dispose();
    }

    private ISmsLookup Lookup => services.GetRequiredService<ISmsLookup>();

    private OutboxRow Row(string referralId) =>
        new(referralId, referralId + ":session-booked:1", MessageChannel.Sms, Webhooks.ClientPhone, "", Body, OutboxStatus.Pending, rowTime, null, null);

    private int ListReads => stub.LogEntries.Count(e => e.RequestMessage.Path == Webhooks.MessagesPath && e.RequestMessage.Method == "GET");

    private int TwilioPosts => stub.LogEntries.Count(e => e.RequestMessage.Path == Webhooks.MessagesPath && e.RequestMessage.Method == "POST");

    /// <summary>
    /// The stub logs a request just after answering it: one request of the test's own, once logged, shows that every
    /// request answered before it is in the log too.
    /// </summary>
    private async Task SettleStubLogAsync()
    {
        var path = "/__settled/" + Guid.NewGuid().ToString("N");
        using (var http = new HttpClient())
        {
            using var _ = await http.GetAsync(stub.Url + path, TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(() => Task.FromResult(stub.LogEntries.Any(e => e.RequestMessage.Path == path)), "the stub's log");
    }

    /// <summary>A text in Twilio's list: created <paramref name="created"/>, sent at <paramref name="sent"/> (null while queued).</summary>
    private static Dictionary<string, object?> Text(string sid, string body, DateTimeOffset created, DateTimeOffset? sent, string status) => new()
    {
        ["sid"] = sid,
        ["to"] = Webhooks.ClientPhone,
        ["from"] = Webhooks.FromNumber,
        ["body"] = body,
        ["status"] = status,
        ["date_created"] = Rfc2822(created),
        ["date_sent"] = sent is { } s ? Rfc2822(s) : null,
    };

    private static string Rfc2822(DateTimeOffset time) => time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The recipient's list as <paramref name="pages"/>, each linked to the next. A request filtered by <c>DateSent</c> gets
    /// only the texts that have a <c>date_sent</c> on or after the filter's day, as Twilio answers it.
    /// </summary>
    private void TwilioListIs(params Dictionary<string, object?>[][] pages) =>
        stub.Given(Request.Create().WithPath(Webhooks.MessagesPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(request => Page(request, pages)));

    private static string Page(IRequestMessage request, Dictionary<string, object?>[][] pages)
    {
        IDictionary<string, WireMockList<string>> query = request.Query ?? new Dictionary<string, WireMockList<string>>();
        var number = query.TryGetValue("Page", out var page) ? int.Parse(page.Single(), CultureInfo.InvariantCulture) : 0;
        var texts = pages.Length == 0 ? [] : pages[number];
        if (query.Keys.Any(k => k.StartsWith("DateSent", StringComparison.Ordinal)))
        {
            texts = texts.Where(t => t["date_sent"] is not null).ToArray(); // a queued text has no date_sent, so no filter on it matches
        }

        var next = number + 1 < pages.Length ? $"{Webhooks.MessagesPath}?To=%2B{Webhooks.ClientPhone[1..]}&PageSize=50&Page={number + 1}&PageToken=PA{number + 1}" : null;
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["messages"] = texts,
            ["page"] = number,
            ["page_size"] = 50,
            ["start"] = 0,
            ["end"] = texts.Length,
            ["uri"] = $"{Webhooks.MessagesPath}?PageSize=50&Page={number}",
            ["first_page_uri"] = $"{Webhooks.MessagesPath}?PageSize=50&Page=0",
            ["next_page_uri"] = next,
            ["previous_page_uri"] = null,
        });
    }

    /// <summary>Texts to the same client for other steps, sent inside the window (newest first).</summary>
    private Dictionary<string, object?>[] OthersInsideTheWindow(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => Text($"SM{prefix}{i:D4}", $"Another step's text {prefix}{i}", rowTime.AddMinutes(30 - i * 0.1), rowTime.AddMinutes(30 - i * 0.1), "delivered")).ToArray();

    [Fact]
    public async Task RunAsync_PendingTextTwilioStillHasQueued_SettlesTheRowAndSendsNothing()
    {
        // Twilio's queue is longer than Outbox:ReconcileAfter: the text was accepted an hour ago and has no date_sent yet.
        await services.GetRequiredService<IMessageOutbox>().BeginAsync(Row("ref-queued"), TestContext.Current.CancellationToken);
        TwilioListIs([Text("SMqueued01", Body, rowTime.AddSeconds(1), null, "queued")]);

        var summary = await services.GetRequiredService<OutboxReconciliation>().RunAsync(TestContext.Current.CancellationToken);

        await SettleStubLogAsync();
        Assert.Equal((1, 0, 0), (summary.Settled, summary.Resent, TwilioPosts));
        var row = (await services.GetRequiredService<IMessageOutbox>().FindAsync("ref-queued", "ref-queued:session-booked:1", TestContext.Current.CancellationToken))!;
        Assert.Equal((OutboxStatus.Sent, "SMqueued01"), (row.Status, row.ProviderMessageId));
    }

    [Fact]
    public async Task FindAsync_ListReachesATextSentBeforeTheWindow_StopsPagingThere()
    {
        TwilioListIs(
            [.. OthersInsideTheWindow("a", 2), Text("SMold00001", "An older text", rowTime.AddDays(-2), rowTime.AddDays(-2), "delivered")],
            [Text("SMolder001", "An even older text", rowTime.AddDays(-3), rowTime.AddDays(-3), "delivered")]);

        var found = await Lookup.FindAsync(Row("ref-stop"), TestContext.Current.CancellationToken);

        Assert.Equal(VendorLookupResult.NotFound, found.Result);
        await SettleStubLogAsync();
        Assert.Equal(1, ListReads);
    }

    [Fact]
    public async Task FindAsync_TextOnTheSecondPage_ReadsThatPageAndFindsIt()
    {
        TwilioListIs(OthersInsideTheWindow("b", 3), [Text("SMpage2001", Body, rowTime.AddSeconds(2), rowTime.AddSeconds(3), "delivered")]);

        var found = await Lookup.FindAsync(Row("ref-page2"), TestContext.Current.CancellationToken);

        Assert.Equal((VendorLookupResult.Found, "SMpage2001", (OutboxStatus?)OutboxStatus.Delivered), (found.Result, found.ProviderMessageId, found.Status));
    }

    [Fact]
    public async Task FindAsync_SameBodySentBeforeTheWindow_IsNotTakenForThisRow()
    {
        TwilioListIs([Text("SMlastyear", Body, rowTime.AddDays(-300), rowTime.AddDays(-300), "delivered")]);

        var found = await Lookup.FindAsync(Row("ref-old-body"), TestContext.Current.CancellationToken);

        Assert.Equal(VendorLookupResult.NotFound, found.Result);
    }

    [Fact]
    public async Task FindAsync_MorePagesInsideTheWindowThanTheBound_AnswersUnknownAfterTheBound()
    {
        var pages = Enumerable.Range(0, TwilioSmsLookup.MaxPages + 1).Select(p => OthersInsideTheWindow("c" + p, 2)).ToArray();
        TwilioListIs(pages);

        var found = await Lookup.FindAsync(Row("ref-bound"), TestContext.Current.CancellationToken);

        Assert.Equal(VendorLookupResult.Unknown, found.Result);
        await SettleStubLogAsync();
        Assert.Equal(TwilioSmsLookup.MaxPages, ListReads);
    }
}
