using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;
using WireMock.Server;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// Every POST route of the Functions surface reads its body through one bounded reader: a chunked body of several MB
/// (no Content-Length) is a 413 problem, and nothing is written. One host, Twilio and SendGrid chosen (stubbed), so the
/// webhook routes are live.
/// </summary>
public sealed class BoundedBodyTests(BoundedBodyTests.World world) : IClassFixture<BoundedBodyTests.World>
{
    public static TheoryData<string> PostRoutes { get; } =
    [
        "referrals", "cancel", "resend", "booking", "sessions",
        "release", "md-question", "intake", "consent", "consent-withdraw", "survey",
        "sms-inbound", "sms-status", "email-events",
    ];

    private TestHost host => world.Host;

    private HttpClient coordinator => world.Coordinator;

    private string releaseReferral => world.ReleaseReferral;

    private string questionReferral => world.QuestionReferral;

    private string consentedReferral => world.ConsentedReferral;

    private int rowsBefore => world.RowsBefore;

    /// <summary>
    /// One host for the class, with three referrals waiting on their release and the row count once they settled: every
    /// test sends a request that must be refused, so the count stays what it was.
    /// </summary>
    public sealed class World(AzuriteFixture azurite) : IAsyncLifetime
    {
        private WireMockServer stub = null!;

        public TestHost Host { get; private set; } = null!;

        public HttpClient Coordinator { get; private set; } = null!;

        public string ReleaseReferral { get; private set; } = null!;

        public string QuestionReferral { get; private set; } = null!;

        public string ConsentedReferral { get; private set; } = null!;

        public int RowsBefore { get; private set; }

        public async ValueTask InitializeAsync()
        {
            stub = WireMockServer.Start();
            Webhooks.AcceptEverything(stub);
            Host = await TestHost.StartAsync(azurite, Webhooks.VendorSettings(stub.Url!));
            ReleaseReferral = await Host.SubmitAsync();
            QuestionReferral = await Host.SubmitAsync();
            await Host.MoveAsync(QuestionReferral, Stage.NeedsMdInput);
            ConsentedReferral = await Host.SubmitAsync();
            await Host.App.Services.GetRequiredService<IConsentStore>().TryRecordAsync(new ConsentRecord(ConsentedReferral, CoordinatorHost.Harbor, "1",
                new string('0', 64), DateTimeOffset.UtcNow, "Ada Sample", null, null), TestContext.Current.CancellationToken);
            Coordinator = await Host.SignInAsync(CoordinatorHost.HarborCoordinator);
            RowsBefore = await SettledRowsAsync();
        }

        public async ValueTask DisposeAsync()
        {
            Coordinator.Dispose();
            await Host.DisposeAsync();
            stub.Stop();
            stub.Dispose();
        }

        /// <summary>Rows a request could write; the audit of who opened a referral (written before the body is read) is not a write of the body.</summary>
        public async Task<int> RowsAsync() =>
            await Host.TotalRowsAsync() - (await Host.RowsAsync(StorageTables.Audit)).Count - (await Host.RowsAsync(StorageTables.AuditKeys)).Count;

        /// <summary>The row count once the three workflows have sent their release requests and wait on their (hour-long) reminder timers.</summary>
        private async Task<int> SettledRowsAsync()
        {
            await Webhooks.WaitUntilAsync(() => Task.FromResult(stub.LogEntries.Count(e => e.RequestMessage.Path == "/v3/mail/send") >= 3), "three release emails");
            var last = -1;
            var same = 0;
            await Webhooks.WaitUntilAsync(async () =>
            {
                var now = await RowsAsync();
                same = now == last ? same + 1 : 0;
                last = now;
                return same >= 16; // unchanged for 16 looks in a row (Eventually.Interval apart)
            }, "the workflows to settle");
            return last;
        }
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task Post_ChunkedBodyOfSeveralMegabytes_Returns413ProblemAndWritesNothing(string route)
    {
        using var response = await SendAsync(route, new ChunkedBody(ChunkedBody.SeveralMegabytes, MediaTypeOf(route)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal(rowsBefore, await RowsAsync());
    }

    [Fact]
    public async Task SubmitIntakeForm_OneFieldLongerThanTheFieldLimit_Returns413AndRecordsNoIntake()
    {
        var form = $"allergies={new string('x', 10_000)}";
        using var content = new StringContent(form, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await host.Http.PostAsync(ClientLinks.Link(host, LinkPurposes.Intake, releaseReferral), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await host.App.Services.GetRequiredService<IIntakeStore>().GetAsync(releaseReferral, TestContext.Current.CancellationToken));
    }

    private static string MediaTypeOf(string route) => route switch
    {
        "release" or "md-question" or "intake" or "consent" or "consent-withdraw" or "survey" or "sms-inbound" or "sms-status" => "application/x-www-form-urlencoded",
        _ => "application/json",
    };

    private async Task<HttpResponseMessage> SendAsync(string route, HttpContent body)
    {
        var (client, path) = route switch
        {
            "referrals" => (host.Http, "api/referrals"),
            "cancel" => (coordinator, $"api/referrals/{releaseReferral}/cancel"),
            "resend" => (coordinator, $"api/referrals/{releaseReferral}/release/resend"),
            "booking" => (coordinator, $"api/referrals/{releaseReferral}/booking"),
            "sessions" => (coordinator, $"api/referrals/{releaseReferral}/sessions"),
            "release" => (host.Http, ClientLinks.Link(host, LinkPurposes.Release, releaseReferral)),
            "md-question" => (host.Http, ClientLinks.Link(host, LinkPurposes.MdQuestion, questionReferral)),
            "intake" => (host.Http, ClientLinks.Link(host, LinkPurposes.Intake, releaseReferral)),
            "consent" => (host.Http, ClientLinks.Link(host, LinkPurposes.Consent, releaseReferral)),
            "consent-withdraw" => (host.Http, ClientLinks.Link(host, LinkPurposes.Consent, consentedReferral) + "/withdraw"),
            "survey" => (host.Http, ClientLinks.Link(host, LinkPurposes.Survey, releaseReferral, subject: "survey-1")),
            "sms-inbound" => (host.Http, "api/sms/inbound"),
            "sms-status" => (host.Http, "api/sms/status"),
            "email-events" => (host.Http, "api/email/events"),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Add("Origin", host.Http.BaseAddress!.GetLeftPart(UriPartial.Authority)); // a same-origin post, as the dashboard's
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private Task<int> RowsAsync() => world.RowsAsync();
}
