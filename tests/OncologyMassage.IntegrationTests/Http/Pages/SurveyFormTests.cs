using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Functions.Http.Pages;

namespace OncologyMassage.IntegrationTests.Http.Pages;

public sealed class SurveyFormTests
{
    private static SurveyForm Form(params (string Name, string Value)[] fields) =>
        SurveyForm.Read(new FormCollection(fields.ToDictionary(f => f.Name, f => new StringValues(f.Value))));

    [Fact]
    public void Validate_BlankAndZero_BlankIsNotAnsweredZeroIsKept()
    {
        var (ratings, errors) = Form(("pain", "0"), ("tiredness", ""), ("sleep", "6")).Validate();

        Assert.Empty(errors);
        Assert.Equal([(FollowUpItem.Pain, 0), (FollowUpItem.Sleep, 6)], ratings);
    }

    [Fact]
    public void Validate_NothingAnswered_AsksForAtLeastOneAnswer()
    {
        var (_, errors) = Form(("pain", "")).Validate();

        Assert.Equal("form", Assert.Single(errors).Key);
    }

    [Fact]
    public void Validate_OutOfRange_ErrorOnThatItem()
    {
        var (_, errors) = Form(("nausea", "-1"), ("anxiety", "4")).Validate();

        Assert.Equal("nausea", Assert.Single(errors).Key);
    }
}
