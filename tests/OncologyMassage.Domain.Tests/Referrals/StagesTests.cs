using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Domain.Tests.Referrals;

public sealed class StagesTests
{
    [Theory]
    [InlineData(Stage.Received, Stage.MdReleaseRequested)]
    [InlineData(Stage.MdReleaseRequested, Stage.IntakePending)]
    [InlineData(Stage.MdReleaseRequested, Stage.Declined)]
    [InlineData(Stage.MdReleaseRequested, Stage.Expired)]
    [InlineData(Stage.SchedulingPending, Stage.Cancelled)]
    public void CanMove_AllowedMove_IsTrue(Stage from, Stage to) => Assert.True(Stages.CanMove(from, to));

    [Theory]
    [InlineData(Stage.Received, Stage.IntakePending)]
    [InlineData(Stage.MdReleaseRequested, Stage.SessionScheduled)]
    [InlineData(Stage.MdReleaseRequested, Stage.Completed)]
    public void CanMove_SkippingTheRelease_IsFalse(Stage from, Stage to) => Assert.False(Stages.CanMove(from, to));

    [Theory]
    [InlineData(Stage.Completed)]
    [InlineData(Stage.Declined)]
    [InlineData(Stage.Expired)]
    [InlineData(Stage.Cancelled)]
    [InlineData(Stage.Withdrawn)]
    public void CanMove_FromAClosedStage_IsFalseForEveryTarget(Stage closed) =>
        Assert.All(Enum.GetValues<Stage>(), to => Assert.False(Stages.CanMove(closed, to)));

    [Fact]
    public void NextStep_EveryStage_HasPlainWords() =>
        Assert.All(Enum.GetValues<Stage>(), stage => Assert.False(string.IsNullOrWhiteSpace(stage.NextStep())));

    [Fact]
    public void IntakePending_IsReachableOnlyThroughARelease() =>
        Assert.Equal([Stage.MdReleaseRequested, Stage.NeedsMdInput],
            Enum.GetValues<Stage>().Where(from => Stages.CanMove(from, Stage.IntakePending)));
}
