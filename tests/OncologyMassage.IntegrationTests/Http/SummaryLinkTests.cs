using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>The care-team summary link: read-only, opens as often as needed until it expires.</summary>
public sealed class SummaryLinkTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly TestHost host = shared.Host;

    [Fact]
    public async Task ShowCareTeamSummary_OpenedTwice_ShowsSessionsChangesAndNoReplyBothTimes()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);
        var sessions = host.App.Services.GetRequiredService<ISessionStore>();
        var at = DateTimeOffset.UtcNow.AddDays(-8);
        await sessions.TryRecordSessionAsync(new SessionRecord(id, "harbor-infusion-center", 1, at, "therapist-1", 2, ["right chest (port)"], "Supine",
            new SymptomRatings(pain: 5, anxiety: 6), new SymptomRatings(pain: 2, anxiety: 3), null, null), TestContext.Current.CancellationToken);
        await sessions.RecordFollowUpAsync(new FollowUpRecord(id, "sms24-1", 1, FollowUpKind.Sms24Hours, false, at.AddDays(1), [], null, RedFlagLevel.None),
            "harbor-infusion-center", TestContext.Current.CancellationToken);
        var link = ClientLinks.Link(host, LinkPurposes.Summary, id);

        using var first = await host.Http.GetAsync(link, TestContext.Current.CancellationToken);
        using var second = await host.Http.GetAsync(link, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var html = await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("right chest (port)", html, StringComparison.Ordinal);
        // Razor encodes characters outside ASCII as references: the minus sign is &#x2212; (the browser shows "−3.0").
        Assert.Contains("<td>Pain</td><td>5.0</td><td>2.0</td><td>&#x2212;3.0</td><td>1</td>", html, StringComparison.Ordinal);
        Assert.Contains("no reply", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowCareTeamSummary_ExpiredLink_Returns410()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);

        using var response = await host.Http.GetAsync(ClientLinks.Link(host, LinkPurposes.Summary, id, TimeSpan.FromMinutes(-1)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task ShowCareTeamSummary_TamperedLink_Returns404()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);

        using var response = await host.Http.GetAsync(ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Summary, id)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
