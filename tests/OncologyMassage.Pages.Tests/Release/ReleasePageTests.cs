using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Pages.Release;

namespace OncologyMassage.Pages.Tests.Release;

public sealed partial class ReleasePageTests
{
    private static Task<string> RenderAsync(ReleaseFormModel? form = null, FormErrors? errors = null, bool question = false, string givenName = "Ada") =>
        PageRenderer.Standalone.RenderAsync<ReleasePage>(new Dictionary<string, object?>
        {
            [nameof(ReleasePage.Referral)] = Samples.Referral(givenName, [new Precaution(PrecautionCode.Port, BodyRegion.Chest, BodySide.Right, null)]),
            [nameof(ReleasePage.Plan)] = Samples.Plan(new Finding(PrecautionCode.Port, new BodySite(BodyRegion.Chest, BodySide.Right))),
            [nameof(ReleasePage.Form)] = form ?? new ReleaseFormModel(),
            [nameof(ReleasePage.Errors)] = errors ?? FormErrors.None,
            [nameof(ReleasePage.RespondBy)] = Samples.At.AddDays(7),
            [nameof(ReleasePage.Question)] = question,
            [nameof(ReleasePage.VenueName)] = "Harbor Wellness",
        });

    [Fact]
    public async Task Render_EveryInput_IsNamedByAPropertyPathTheBinderFills()
    {
        var html = await RenderAsync();
        var names = NameAttribute().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToArray();

        var posted = new FormCollection(names.ToDictionary(n => n, n => new StringValues("x")));
        var model = FormBinder.Bind<ReleaseFormModel>(posted);

        Assert.Contains("sites[2].pressure", names);
        Assert.Equal(ReleaseFormModel.SiteRows, model.Sites.Count);
        Assert.All(names, n => Assert.Matches("^[a-z][A-Za-z]*(\\[\\d+\\]\\.[a-z][A-Za-z]*)?$", n));
        Assert.Equal("x", model.Sites[2].Pressure);
        Assert.Equal(["x"], model.Precautions);
    }

    [Fact]
    public async Task Render_WithErrors_EachErrorSitsByItsFieldAndLinksToIt()
    {
        var model = new ReleaseFormModel { Decision = "restrict", Sites = [new SiteRow { Region = "elbow" }] };
        var (_, errors) = model.Validate(Samples.At);

        var html = await RenderAsync(model, errors);

        Assert.Contains("<a href=\"#sites[0].region\">", html, StringComparison.Ordinal);
        Assert.Matches("<p class=\"error\" id=\"sites\\[0\\]\\.region-error\">[^<]+</p>\\s*<select id=\"sites\\[0\\]\\.region\" name=\"sites\\[0\\]\\.region\" aria-invalid=\"true\" aria-describedby=\"sites\\[0\\]\\.region-error\"", html);
        Assert.Contains("id=\"signature\" name=\"signature\" aria-invalid=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PostedValues_AreShownAgainEncoded()
    {
        var html = await RenderAsync(new ReleaseFormModel { PhysicianName = "\"><script>x</script>", Decision = "decline", AvoidPositions = ["SideLyingLeft"] },
            givenName: "<b>Ada</b>");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Ada</b>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"decision\" value=\"decline\" checked", html, StringComparison.Ordinal);
        Assert.Contains("name=\"avoidPositions\" value=\"SideLyingLeft\" checked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Codes_AreShownAsWords()
    {
        var html = await RenderAsync();

        Assert.Contains(">Side-lying, left</label>", html, StringComparison.Ordinal);
        Assert.Contains("Implanted port (Chest, right)", html, StringComparison.Ordinal);
        Assert.Contains("Transplant or CAR-T from 2026-09-01", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"upper-back\">Upper back</option>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(">[^<]*(SideLying|TransplantOrCarT|chest:right|upper-back)[^<]*<", html);
    }

    [Fact]
    public async Task Render_HoldQuestion_AsksThePlansQuestions()
    {
        var html = await RenderAsync(question: true);

        Assert.Contains("A question about the plan for oncology massage", html, StringComparison.Ordinal);
        Assert.Contains(ReleaseStrings.WhatWeNeed, html, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"([^\"]+)\"")]
    private static partial Regex NameAttribute();
}
