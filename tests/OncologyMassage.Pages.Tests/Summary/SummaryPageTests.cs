using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Pages.Summary;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Pages.Tests.Summary;

public sealed class SummaryPageTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 15, 0, 0, TimeSpan.Zero);

    private static ReferralRecord Referral() => new("ref-1", "practice-1", new Referral(
        new ClientDetails("Ada", "Sample", new DateOnly(1968, 4, 12), "+16175550143", "ada@example.org", ContactChannel.Sms, "America/New_York"),
        new OncologistDetails("Dr. Rosa Demo", "Harbor Oncology", "rosa@example.org", "+16175550100"), "harbor", ServiceType.OncologyMassage,
        new ClinicalSummary("Breast cancer", [], []), null, 3), Stage.FollowUp, 5, At, At, null);

    private static SessionRecord Session(int n, int? prePain, int? postPain) => new("ref-1", "harbor", n, At.AddDays(n * 7), "t1", 2, ["left arm"], "Supine",
        new SymptomRatings(pain: prePain, nausea: 4), new SymptomRatings(pain: postPain), "mild fatigue", null);

    private static Task<string> RenderAsync(ReferralRecord referral, IReadOnlyList<SessionRecord> sessions, IReadOnlyList<FollowUpRecord> followUps) =>
        PageRenderer.Standalone.RenderAsync<SummaryPage>(new Dictionary<string, object?>
        {
            [nameof(SummaryPage.Referral)] = referral,
            [nameof(SummaryPage.Sessions)] = sessions,
            [nameof(SummaryPage.FollowUps)] = followUps,
            [nameof(SummaryPage.VenueName)] = "Harbor Wellness",
        });

    [Fact]
    public async Task Render_CodesOfSitesPositionsAndItems_AreShownAsWords()
    {
        var session = Session(1, 6, 2) with { SitesAvoided = ["chest:left", "arm:right", "behind the knee"], Position = "SideLyingRight" };
        var reply = new FollowUpRecord("ref-1", "survey-1", 1, FollowUpKind.Email7Days, true, At,
            [new FollowUpRating("ref-1", "survey-1", At, FollowUpItem.WellBeing, 2)], null, RedFlagLevel.None);

        var html = await RenderAsync(Referral(), [session], [reply]);

        Assert.Contains("<td>Chest, left; Arm, right; behind the knee</td><td>Side-lying, right</td>", html, StringComparison.Ordinal);
        Assert.Contains("Well-being 2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("chest:left", html, StringComparison.Ordinal);
        Assert.Contains("to Harbor Wellness.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_TwoSessions_ShowsMeanChangeWithNAndSessionsGiven()
    {
        var html = await RenderAsync(Referral(), [Session(1, 6, 2), Session(2, 4, 2)], []);

        Assert.Contains("<strong>2 of 3</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Pain</td><td>5.0</td><td>2.0</td><td>&#x2212;3.0</td><td>2</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Nausea</td><td colspan=\"3\">no paired ratings</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Arm, left</td><td>Supine (face up)</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FollowUpWithoutReply_SaysNoReplyAndNeverZero()
    {
        var silent = new FollowUpRecord("ref-1", "sms24-1", 1, FollowUpKind.Sms24Hours, false, At, [], null, RedFlagLevel.None);

        var html = await RenderAsync(Referral(), [Session(1, 6, 2)], [silent]);

        Assert.Contains("<td>no reply</td><td>&#x2014;</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Pain 0", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RepliedWithRedFlag_ShowsTheAnswerEncodedAndTheFlag()
    {
        var reply = new FollowUpRecord("ref-1", "survey-1", 1, FollowUpKind.Email7Days, true, At,
            [new FollowUpRating("ref-1", "survey-1", At, FollowUpItem.Pain, 3)], "<b>arm swollen</b>", RedFlagLevel.SameDay);

        var html = await RenderAsync(Referral(), [], [reply]);

        Assert.Contains("Pain 3", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;arm swollen", html, StringComparison.Ordinal);
        Assert.Contains("<strong>same day</strong>", html, StringComparison.Ordinal);
        Assert.Contains("No session has been given yet.", html, StringComparison.Ordinal);
    }
}
