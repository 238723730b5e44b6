using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Activities;

public sealed class FollowUpsTests
{
    [Theory]
    [InlineData(FollowUpKind.Sms24Hours, 1)]
    [InlineData(FollowUpKind.Email7Days, 2)]
    [InlineData(FollowUpKind.Sms30Days, 12)]
    public void TryParse_AnIdMadeById_GivesBackItsKindAndSession(FollowUpKind kind, int session)
    {
        Assert.True(FollowUps.TryParse(FollowUps.Id(kind, session), out var parsedKind, out var parsedSession));
        Assert.Equal((kind, session), (parsedKind, parsedSession));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("survey")]
    [InlineData("survey-0")]
    [InlineData("survey-01")]
    [InlineData("survey--1")]
    [InlineData("sms7d-1")]
    [InlineData("SM0123456789")]
    public void TryParse_AnythingElse_IsFalse(string? id) => Assert.False(FollowUps.TryParse(id, out _, out _));
}
