using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Replies;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.LocalHost;

/// <summary>
/// The local host's simulated phone and dev outbox (SMS provider: the dev outbox, the default), which only a signed-in
/// coordinator of the referral's venue may use.
/// </summary>
/// <remarks>
/// The class shares one <see cref="SharedHost"/>; each test submits a referral of its own with a client phone of its own
/// (<see cref="TestPhone"/>), since opt-outs and awaited replies are kept per number. The test of the Twilio settings
/// keeps a host of its own (other settings).
/// </remarks>
public sealed class DevPhoneTests(AzuriteFixture azurite, SharedHost shared) : IClassFixture<SharedHost>, IAsyncLifetime
{
    private readonly TestHost host = shared.Host;
    private readonly TestPhone phone = TestPhone.Unique();
    private HttpClient coordinator = null!;

    public async ValueTask InitializeAsync() => coordinator = await host.SignInAsync(CoordinatorHost.HarborCoordinator);

    public ValueTask DisposeAsync()
    {
        coordinator.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<HttpResponseMessage> ReplyAsync(string referralId, string text) =>
        coordinator.PostAsJsonAsync($"api/dev/phone/{referralId}/reply", new { text }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task DevPhoneReply_AwaitedReferral_GoesThroughTheSignedWebhookToTheOrchestration()
    {
        var id = await host.SubmitSampleAsync(phone);
        await host.App.Services.GetRequiredService<IPhoneIndex>().SetAwaitingAsync(
            new AwaitingReply(phone.E164, id, ReplyExpectation.Rating, 0, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        using var response = await ReplyAsync(id, "pain 2 tiredness 4");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((200, SmsAutoReplies.Thanks), (answer.GetProperty("status").GetInt32(), answer.GetProperty("reply").GetString()));
        await Webhooks.WaitUntilAsync(async () => (await host.RaisedEventsAsync(id, WorkflowEvents.ClientReplied)).Count == 1, "ClientReplied in the history");
        var raised = Assert.Single(await host.RaisedEventsAsync(id, WorkflowEvents.ClientReplied));
        Assert.Contains("SMdev", raised.GetString("Input"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevPhoneReply_Stop_OptsTheReferralsNumberOut()
    {
        var id = await host.SubmitSampleAsync(phone);

        using var response = await ReplyAsync(id, "STOP");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await host.App.Services.GetRequiredService<IOptOutStore>().IsOptedOutAsync(phone.E164, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DevPhoneReply_UnknownReferral_Returns404()
    {
        using var response = await ReplyAsync("ref-unknown", "7");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DevPhoneReply_NoText_Returns400AndSendsNothing()
    {
        var id = await host.SubmitSampleAsync(phone);

        using var response = await ReplyAsync(id, " ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await host.RaisedEventsAsync(id, WorkflowEvents.ClientReplied));
    }

    [Fact]
    public async Task DevPhoneReply_Anonymous_Returns401AndRaisesNothing()
    {
        var id = await host.SubmitSampleAsync(phone);
        using var anonymous = host.Anonymous();

        using var response = await anonymous.PostAsJsonAsync($"api/dev/phone/{id}/reply", new { text = "STOP" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await host.App.Services.GetRequiredService<IOptOutStore>().IsOptedOutAsync(phone.E164, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DevPhoneReply_CoordinatorOfAnotherVenue_Returns404()
    {
        var id = await host.SubmitSampleAsync(phone);
        using var other = await host.SignInAsync(CoordinatorHost.LighthouseCoordinator);

        using var response = await other.PostAsJsonAsync($"api/dev/phone/{id}/reply", new { text = "STOP" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await host.App.Services.GetRequiredService<IOptOutStore>().IsOptedOutAsync(phone.E164, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DevPhoneReply_PracticeKey_Returns403()
    {
        var id = await host.SubmitSampleAsync(phone);

        using var response = await host.Http.PostAsJsonAsync($"api/dev/phone/{id}/reply", new { text = "STOP" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task DevOutbox_Anonymous_Returns401()
    {
        var id = await host.SubmitSampleAsync(phone);
        using var anonymous = host.Anonymous();

        using var response = await anonymous.GetAsync($"api/dev/outbox?referralId={id}", TestContext.Current.CancellationToken);
        using var withoutId = await anonymous.GetAsync("api/dev/outbox", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (response.StatusCode, withoutId.StatusCode));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DevOutbox_CoordinatorOfAnotherVenue_Returns404()
    {
        var id = await host.SubmitSampleAsync(phone);
        using var other = await host.SignInAsync(CoordinatorHost.LighthouseCoordinator);

        using var response = await other.GetAsync($"api/dev/outbox?referralId={id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DevOutbox_ReferralWithAReleaseEmail_ListsItsMessages()
    {
        var id = await host.SubmitSampleAsync(phone);
        JsonElement rows = default;

        await Webhooks.WaitUntilAsync(async () =>
        {
            rows = await coordinator.GetFromJsonAsync<JsonElement>($"api/dev/outbox?referralId={id}", TestContext.Current.CancellationToken);
            return rows.GetArrayLength() == 1 && rows[0].GetProperty("status").GetString() == "Sent";
        }, "the release email in the dev outbox");

        var email = rows[0];
        Assert.Equal(("Email", "rosa.demo@example.org"), (email.GetProperty("channel").GetString(), email.GetProperty("to").GetString()));
        Assert.Contains("/api/release/", email.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevOutbox_WithoutReferralId_Returns400()
    {
        using var response = await coordinator.GetAsync("api/dev/outbox", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DevRoutes_TwilioChosenForSms_AreNotMapped()
    {
        // A host of its own: Twilio and SendGrid chosen in its settings, so the dev routes are never mapped.
        await using var vendorHost = await TestHost.StartAsync(azurite, Webhooks.VendorSettings("http://127.0.0.1:9"));

        using var outbox = await vendorHost.Http.GetAsync("api/dev/outbox?referralId=ref-x", TestContext.Current.CancellationToken);
        using var phone = await vendorHost.Http.PostAsJsonAsync("api/dev/phone/ref-x/reply", new { text = "7" }, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (outbox.StatusCode, phone.StatusCode));
    }
}
