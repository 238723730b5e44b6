using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Intake;
using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Tests.Intake;

public sealed partial class IntakePageTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static Task<string> RenderAsync(IntakeFormModel? form = null, FormErrors? errors = null, string givenName = "Ada") =>
        PageRenderer.Standalone.RenderAsync<IntakePage>(new Dictionary<string, object?>
        {
            [nameof(IntakePage.GivenName)] = givenName,
            [nameof(IntakePage.Form)] = form ?? new IntakeFormModel(),
            [nameof(IntakePage.Errors)] = errors ?? FormErrors.None,
            [nameof(IntakePage.RespondBy)] = Samples.At.AddDays(7),
        });

    [Fact]
    public async Task Render_EveryInput_IsNamedByAPropertyPathTheBinderFills()
    {
        var html = await RenderAsync();
        var names = NameAttribute().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToArray();

        var model = FormBinder.Bind<IntakeFormModel>(new FormCollection(names.ToDictionary(n => n, n => new StringValues("x"))));

        Assert.All(names, n => Assert.Matches(@"^[a-z][A-Za-z]*(\[\d+\])?(\.[a-z][A-Za-z]*(\[\d+\])?)*$", n));
        Assert.Equal((IntakeFormModel.SurgeryRows, IntakeFormModel.RadiationRows, IntakeFormModel.ClotRows, IntakeFormModel.LymphedemaRows, IntakeFormModel.BoneRows),
            (model.Surgeries.Count, model.Radiation.Count, model.Clots.Count, model.Lymphedema.Count, model.Bone.LesionSites.Count));
        Assert.Equal(("x", "x", "x", "x", "x"),
            (model.Surgeries[2].SurgeonRestrictions, model.Labs.Haemoglobin.Drawn, model.Devices.FeedingTube.Placed, model.Today.TemperatureCelsius, model.CareTeam.Email));
        Assert.True(model.Treatments.TransplantOrCarT.Taken && model.Skin.Infected && model.PermissionToContactCareTeam);
    }

    [Fact]
    public async Task Render_EveryErrorTheModelCanKey_HasAnElementToLinkTo()
    {
        var (_, parse) = FormBinder.Bind<IntakeFormModel>(new FormCollection(new Dictionary<string, StringValues>
        {
            ["surgeries[1].procedure"] = "Lumpectomy", ["lymphedema[0].limb"] = "neck", ["labs.anc.value"] = "many", ["today.temperatureCelsius"] = "warm",
        })).Validate(Today);
        var (_, domain) = FormBinder.Bind<IntakeFormModel>(new FormCollection(new Dictionary<string, StringValues>
        {
            ["cancerType"] = "Lymphoma", ["permissionToContactCareTeam"] = "yes", ["devices.picc.present"] = "yes", ["labs.wbc.value"] = "900000",
            ["labs.wbc.drawn"] = "2026-11-20", ["neuropathy.numbness"] = "yes", ["bone.lesionSites[0].region"] = "arm", ["treatments.surgery.start"] = "2027-01-01",
        })).Validate(Today);

        foreach (var errors in new[] { parse, domain })
        {
            var html = await RenderAsync(errors: errors);
            Assert.NotEmpty(errors.ByField);
            Assert.All(errors.ByField.Keys, field =>
            {
                Assert.Contains($"<a href=\"#{field}\">", html, StringComparison.Ordinal);
                Assert.Contains($"id=\"{field}\"", html, StringComparison.Ordinal);
                Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public async Task Render_PostedValues_AreShownAgainEncoded()
    {
        var form = new IntakeFormModel
        {
            CancerType = "\"><script>x</script>",
            Surgeries = [new SurgeryRow { Procedure = "Lumpectomy", Region = "chest" }],
            PositionsThatHurt = ["SideLyingLeft"],
        };

        var html = await RenderAsync(form, givenName: "<b>Ada</b>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Ada", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Lumpectomy\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"chest\" selected>Chest</option>", html, StringComparison.Ordinal);
        Assert.Matches("value=\"SideLyingLeft\" checked", html);
    }

    [Fact]
    public async Task Render_Choices_ShowWordsNotCodes()
    {
        var html = await RenderAsync();

        Assert.Contains(">Head and neck</option>", html, StringComparison.Ordinal);
        Assert.Contains(">Lying on my left side</label>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">head-neck<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">SideLyingLeft<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("upper-quadrant", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"([^\"]+)\"")]
    private static partial Regex NameAttribute();
}
