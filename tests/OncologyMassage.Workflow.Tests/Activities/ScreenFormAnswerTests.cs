using Moq;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Activities;

/// <summary>A web form answer is screened like a text reply once stored (issue 15 item 1).</summary>
public sealed class ScreenFormAnswerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);
    private readonly Mock<IReferralStore> store = new();
    private readonly Mock<IIntakeStore> intakes = new();
    private readonly Mock<IConsentStore> consents = new();
    private readonly Mock<IReferralFlags> flags = new();

    private Task<RedFlagLevel> ScreenAsync(FormAnswerKind kind) =>
        new ScreenFormAnswer(store.Object, intakes.Object, consents.Object, flags.Object)
            .RunAsync(new FormAnswerToScreen("ref-1", kind, new JourneyStep(7, At, Stage.IntakePending)), CancellationToken.None);

    private void StoreIntake(Intake intake) =>
        intakes.Setup(s => s.GetAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync(new IntakeRecord("ref-1", intake, At));

    private void StoreWithdrawal(string? reason) =>
        consents.Setup(s => s.GetAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync(
            new ConsentRecord("ref-1", "harbor", "v1", "sha", At.AddDays(-2), "Ana", null, null) { WithdrawnAt = At, WithdrawalReason = reason });

    [Fact]
    public async Task RunAsync_IntakeWithChestPainToday_IsImmediateOnTheTimelineAndThePipeline()
    {
        StoreIntake(new Intake { CompletedOn = DateOnly.FromDateTime(At.UtcDateTime), CancerType = "breast", Today = new TodayStatus { ChestPain = true } });

        var level = await ScreenAsync(FormAnswerKind.Intake);

        Assert.Equal(RedFlagLevel.Immediate, level);
        flags.Verify(f => f.SetFlagAsync("ref-1", ReferralFlagKind.RedFlagImmediate, It.IsAny<CancellationToken>()));
        store.Verify(s => s.AppendTimelineAsync("ref-1", It.Is<TimelineEntry>(e =>
            e.Kind == TimelineKind.RedFlag && e.Sequence == 7 && e.Detail.Contains("intake form", StringComparison.Ordinal) && e.Detail.Contains("chest pain", StringComparison.Ordinal)),
            It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task RunAsync_PlainIntake_FlagsNothing()
    {
        StoreIntake(new Intake { CompletedOn = DateOnly.FromDateTime(At.UtcDateTime), CancerType = "breast", Goals = "relax" });

        Assert.Equal(RedFlagLevel.None, await ScreenAsync(FormAnswerKind.Intake));
        flags.VerifyNoOtherCalls();
        store.Verify(s => s.AppendTimelineAsync(It.IsAny<string>(), It.IsAny<TimelineEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_WithdrawalReasonNamesASymptom_IsFlagged()
    {
        StoreWithdrawal("too sick, throwing up every day since the last cycle");

        Assert.Equal(RedFlagLevel.SameDay, await ScreenAsync(FormAnswerKind.Withdrawal));
        flags.Verify(f => f.SetFlagAsync("ref-1", ReferralFlagKind.RedFlagSameDay, It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("moving to another city")]
    public async Task RunAsync_WithdrawalWithoutSymptoms_FlagsNothing(string? reason)
    {
        StoreWithdrawal(reason);

        Assert.Equal(RedFlagLevel.None, await ScreenAsync(FormAnswerKind.Withdrawal));
        flags.VerifyNoOtherCalls();
    }
}
