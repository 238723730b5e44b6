using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Pages.Survey;

namespace OncologyMassage.Pages.Tests.Survey;

/// <summary>The follow-up survey slice: bind by property path, validate, render the form, its errors and the thank-you.</summary>
public sealed partial class SurveyFormModelTests
{
    private static SurveyFormModel Form(params (string Name, string Value)[] fields) =>
        FormBinder.Bind<SurveyFormModel>(new FormCollection(fields.ToDictionary(f => f.Name, f => new StringValues(f.Value))));

    private static Task<string> RenderAsync(SurveyFormModel? form = null, FormErrors? errors = null, string givenName = "Ada") =>
        PageRenderer.Standalone.RenderAsync<SurveyPage>(new Dictionary<string, object?>
        {
            [nameof(SurveyPage.GivenName)] = givenName,
            [nameof(SurveyPage.Kind)] = FollowUpKind.Sms24Hours,
            [nameof(SurveyPage.SessionNumber)] = 2,
            [nameof(SurveyPage.Form)] = form ?? new SurveyFormModel(),
            [nameof(SurveyPage.Errors)] = errors ?? FormErrors.None,
        });

    [Fact]
    public void Validate_BlankAndZero_BlankIsNotAnsweredZeroIsKept()
    {
        var (answer, errors) = Form(("pain", "0"), ("tiredness", ""), ("sleep", "6")).Validate();

        Assert.Empty(errors.ByField);
        Assert.Equal([(FollowUpItem.Pain, 0), (FollowUpItem.Sleep, 6)], answer!.Ratings);
    }

    [Fact]
    public void Validate_NothingAnswered_AsksForAtLeastOneAnswer()
    {
        var (answer, errors) = Form(("pain", "")).Validate();

        Assert.Null(answer);
        Assert.Equal(SurveyFormModel.WholeForm, Assert.Single(errors.ByField).Key);
    }

    [Fact]
    public void Validate_OutOfRange_ErrorOnThatItem()
    {
        var (_, errors) = Form(("nausea", "-1"), ("anxiety", "4")).Validate();

        Assert.Equal("nausea", Assert.Single(errors.ByField).Key);
    }

    [Fact]
    public void Validate_TextOnly_IsAnAnswer()
    {
        var (answer, _) = Form(("changes", "  Arm a little swollen  ")).Validate();

        Assert.Equal((0, "Arm a little swollen"), (answer!.Ratings.Count, answer.Text));
    }

    [Fact]
    public async Task Render_EveryInput_IsNamedByAPropertyPathTheBinderFills()
    {
        var html = await RenderAsync();
        var names = NameAttribute().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToArray();

        var model = FormBinder.Bind<SurveyFormModel>(new FormCollection(names.ToDictionary(n => n, n => new StringValues("3"))));

        Assert.Equal(["anxiety", "changes", "nausea", "pain", "sleep", "tiredness", "wellBeing"], names.Order(StringComparer.Ordinal));
        Assert.All(model.Items(), i => Assert.Equal("3", i.Value));
        Assert.Contains("It is the day after your session 2.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WithErrors_EachErrorSitsByItsFieldAndValuesAreShownEncoded()
    {
        var form = Form(("nausea", "12"), ("changes", "<script>x</script>"));
        var (_, errors) = form.Validate();

        var html = await RenderAsync(form, errors, "<b>Ada</b>");

        Assert.Contains("<a href=\"#nausea\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"nausea-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Ada", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NothingAnswered_TheFormErrorLinksToTheRatingsFieldset()
    {
        var (_, errors) = new SurveyFormModel().Validate();

        var html = await RenderAsync(errors: errors);

        Assert.Contains("<a href=\"#form\">", html, StringComparison.Ordinal);
        Assert.Contains("<fieldset id=\"form\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"form-error\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("Call 911 now.", true)]
    public async Task RenderThanks_ImmediateRedFlag_TellsTheClientToCallFirst(string? immediate, bool alert)
    {
        var html = await PageRenderer.Standalone.RenderAsync<SurveyThanksPage>(new Dictionary<string, object?> { [nameof(SurveyThanksPage.ImmediateAnswer)] = immediate });

        Assert.Equal(alert, html.Contains("<p role=\"alert\" class=\"urgent\">Call 911 now.</p>", StringComparison.Ordinal));
        Assert.Contains("Your answers are recorded.", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<(?:input|select|textarea) [^>]*name=\"([^\"]+)\"")]
    private static partial Regex NameAttribute();
}
