using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// A follow-up's web link: ratings as given (blank is not zero), red-flag screening, one answer per follow-up, filed under
/// the follow-up the link names (never guessed from the latest session), closed after its window.
/// </summary>
public sealed class SurveyPageTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly TestHost host = shared.Host;

    private ISessionStore Sessions => host.App.Services.GetRequiredService<ISessionStore>();

    private async Task<string> ReferralWithSessionsAsync(int count)
    {
        var id = await ClientLinks.SubmitReferralAsync(host);
        for (var n = 1; n <= count; n++)
        {
            await Sessions.TryRecordSessionAsync(new SessionRecord(id, "harbor-infusion-center", n, DateTimeOffset.UtcNow.AddDays(-7), "therapist-1", 2, [],
                "Supine", new SymptomRatings(pain: 4), new SymptomRatings(pain: 2), null, null), TestContext.Current.CancellationToken);
        }

        return id;
    }

    private string SurveyLink(string id, string followUpId = "survey-1", TimeSpan? validFor = null) =>
        ClientLinks.Link(host, LinkPurposes.Survey, id, validFor, followUpId);

    [Fact]
    public async Task SubmitSurveyForm_SomeRatingsBlank_StoresOnlyTheRatingsGivenUnderTheLinksFollowUp()
    {
        var id = await ReferralWithSessionsAsync(2);

        using var response = await ClientLinks.PostFormAsync(host, SurveyLink(id, "survey-2"),
            new Dictionary<string, string> { ["pain"] = "0", ["sleep"] = "", ["wellBeing"] = "3", ["changes"] = "Nothing new, slept well" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var followUp = Assert.Single(await Sessions.ListFollowUpsAsync(id, TestContext.Current.CancellationToken));
        Assert.Equal(("survey-2", 2, FollowUpKind.Email7Days, true, RedFlagLevel.None), (followUp.FollowUpId, followUp.SessionNumber, followUp.Kind, followUp.Replied, followUp.RedFlag));
        Assert.Equal([(FollowUpItem.Pain, 0), (FollowUpItem.WellBeing, 3)], followUp.Ratings.Select(r => (r.Item, r.Score)).Order());
    }

    [Fact]
    public async Task SubmitSurveyForm_ImmediateRedFlag_TellsTheClientToCallNowAndStoresTheFlag()
    {
        var id = await ReferralWithSessionsAsync(1);

        using var response = await ClientLinks.PostFormAsync(host, SurveyLink(id),
            new Dictionary<string, string> { ["changes"] = "I have chest pain and I am coughing blood" });

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("triage line or emergency services now", html, StringComparison.Ordinal);
        Assert.Equal(RedFlagLevel.Immediate, Assert.Single(await Sessions.ListFollowUpsAsync(id, TestContext.Current.CancellationToken)).RedFlag);
    }

    [Fact]
    public async Task SubmitSurveyForm_AnsweredTwiceForTheSameSession_Returns409AndKeepsTheFirst()
    {
        var id = await ReferralWithSessionsAsync(1);
        var link = SurveyLink(id);
        using var first = await ClientLinks.PostFormAsync(host, link, new Dictionary<string, string> { ["pain"] = "2" });

        using var second = await ClientLinks.PostFormAsync(host, link, new Dictionary<string, string> { ["pain"] = "9" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, Assert.Single(Assert.Single(await Sessions.ListFollowUpsAsync(id, TestContext.Current.CancellationToken)).Ratings).Score);
    }

    [Fact]
    public async Task SubmitSurveyForm_OutOfRangeOrEmpty_Returns400AndStoresNothing()
    {
        var id = await ReferralWithSessionsAsync(1);
        var link = SurveyLink(id);

        using var outOfRange = await ClientLinks.PostFormAsync(host, link, new Dictionary<string, string> { ["pain"] = "11" }, acceptJson: true);
        using var empty = await ClientLinks.PostFormAsync(host, link, new Dictionary<string, string> { ["pain"] = "" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (outOfRange.StatusCode, empty.StatusCode));
        Assert.Empty(await Sessions.ListFollowUpsAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SubmitSurveyForm_TamperedLink_Returns404AndStoresNothing()
    {
        var id = await ReferralWithSessionsAsync(1);

        using var response = await ClientLinks.PostFormAsync(host, ClientLinks.Tampered(SurveyLink(id)),
            new Dictionary<string, string> { ["pain"] = "2" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(await host.RowsAsync(StorageTables.Sessions, id), r => r.RowKey.StartsWith("f|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitSurveyForm_LinkOfThe24HourFollowUpOfAnEarlierSession_IsFiledThereNotAsTheLatestSurvey()
    {
        var id = await ReferralWithSessionsAsync(2);

        using var response = await ClientLinks.PostFormAsync(host, SurveyLink(id, "sms24h-1"), new Dictionary<string, string> { ["pain"] = "3" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var followUp = Assert.Single(await Sessions.ListFollowUpsAsync(id, TestContext.Current.CancellationToken));
        Assert.Equal(("sms24h-1", 1, FollowUpKind.Sms24Hours), (followUp.FollowUpId, followUp.SessionNumber, followUp.Kind));
    }

    [Fact]
    public async Task SubmitSurveyForm_EachFollowUpsOwnLinkAfterAnEarlierAnswer_IsAcceptedNot409()
    {
        var id = await ReferralWithSessionsAsync(1);

        using var first = await ClientLinks.PostFormAsync(host, SurveyLink(id, "sms24h-1"), new Dictionary<string, string> { ["pain"] = "3" });
        using var week = await ClientLinks.PostFormAsync(host, SurveyLink(id, "survey-1"), new Dictionary<string, string> { ["pain"] = "2" });
        using var month = await ClientLinks.PostFormAsync(host, SurveyLink(id, "sms30d-1"), new Dictionary<string, string> { ["pain"] = "1" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, week.StatusCode, month.StatusCode));
        Assert.Equal([("sms24h-1", 3), ("sms30d-1", 1), ("survey-1", 2)],
            (await Sessions.ListFollowUpsAsync(id, TestContext.Current.CancellationToken)).Select(f => (f.FollowUpId, Assert.Single(f.Ratings).Score)).Order());
    }

    [Fact]
    public async Task ShowSurveyForm_FollowUpOfThe24HourQuestion_SaysWhichSessionItIsAbout()
    {
        var id = await ReferralWithSessionsAsync(2);

        var html = await host.Http.GetStringAsync(SurveyLink(id, "sms24h-2"), TestContext.Current.CancellationToken);

        Assert.Contains("It is the day after your session 2.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowSurveyForm_FollowUpClosedWithoutAnAnswer_Returns410ClosedAndStoresNothing()
    {
        var id = await ReferralWithSessionsAsync(1);
        await Sessions.RecordFollowUpAsync(new FollowUpRecord(id, "sms24h-1", 1, FollowUpKind.Sms24Hours, false, DateTimeOffset.UtcNow, [], null, RedFlagLevel.None),
            "harbor-infusion-center", TestContext.Current.CancellationToken);

        using var shown = await host.Http.GetAsync(SurveyLink(id, "sms24h-1"), TestContext.Current.CancellationToken);
        using var posted = await ClientLinks.PostFormAsync(host, SurveyLink(id, "sms24h-1"), new Dictionary<string, string> { ["pain"] = "3" });

        Assert.Equal((HttpStatusCode.Gone, HttpStatusCode.Gone), (shown.StatusCode, posted.StatusCode));
        Assert.Contains("This question is closed", await shown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(Assert.Single(await Sessions.ListFollowUpsAsync(id, TestContext.Current.CancellationToken)).Replied);
    }

    [Fact]
    public async Task ShowSurveyForm_LinkPastItsWindow_SaysTheQuestionIsClosed()
    {
        var id = await ReferralWithSessionsAsync(1);

        using var response = await host.Http.GetAsync(SurveyLink(id, "sms24h-1", TimeSpan.FromSeconds(-1)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This question is closed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitSurveyForm_LinkFromBeforeFollowUpKeys_Returns410AskingForTheNewestLinkAndStoresNothing()
    {
        var id = await ReferralWithSessionsAsync(1);

        using var response = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Survey, id), new Dictionary<string, string> { ["pain"] = "2" });

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This link has been replaced", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(await Sessions.ListFollowUpsAsync(id, TestContext.Current.CancellationToken));
    }
}
