using Moq;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Activities;

/// <summary>The reaction a therapist records with a session is screened like a client's reply (issue 15 item 6).</summary>
public sealed class ScreenSessionReactionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);
    private readonly Mock<IReferralStore> store = new();
    private readonly Mock<ISessionStore> sessions = new();
    private readonly Mock<IReferralFlags> flags = new();

    private Task<ReactionOutcome> ScreenAsync(string? reactions)
    {
        sessions.Setup(s => s.GetSessionAsync("ref-1", 1, It.IsAny<CancellationToken>())).ReturnsAsync(
            new SessionRecord("ref-1", "harbor-infusion-center", 1, At, "therapist-1", 2, [], "Supine", new SymptomRatings(pain: 4), new SymptomRatings(pain: 2), reactions, null));
        return new ScreenSessionReaction(store.Object, sessions.Object, flags.Object)
            .RunAsync(new SessionReaction("ref-1", 1, new JourneyStep(12, At, Stage.SessionCompleted)), CancellationToken.None);
    }

    [Fact]
    public async Task RunAsync_FluLikeReaction_IsASameDayFlagThatLowersTheNextPlan()
    {
        var outcome = await ScreenAsync("wiped out and achy all over after the session");

        Assert.Equal(new ReactionOutcome(RedFlagLevel.SameDay, true), outcome);
        flags.Verify(f => f.SetFlagAsync("ref-1", ReferralFlagKind.RedFlagSameDay, It.IsAny<CancellationToken>()));
        store.Verify(s => s.AppendTimelineAsync("ref-1", It.Is<TimelineEntry>(e => e.Kind == TimelineKind.RedFlag && e.Sequence == 12), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task RunAsync_BreathlessReaction_IsAnImmediateFlag()
    {
        var outcome = await ScreenAsync("short of breath and chest pain when sitting up");

        Assert.Equal(RedFlagLevel.Immediate, outcome.RedFlag);
        flags.Verify(f => f.SetFlagAsync("ref-1", ReferralFlagKind.RedFlagImmediate, It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("Relaxed, slept on the table")]
    public async Task RunAsync_NoOrPlainReaction_FlagsNothingAndKeepsThePlan(string? reactions)
    {
        var outcome = await ScreenAsync(reactions);

        Assert.Equal(ReactionOutcome.None, outcome);
        flags.VerifyNoOtherCalls();
        store.Verify(s => s.AppendTimelineAsync(It.IsAny<string>(), It.IsAny<TimelineEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
