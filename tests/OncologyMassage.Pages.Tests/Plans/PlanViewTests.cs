using OncologyMassage.Domain.Clinical;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Pages.Plans;

namespace OncologyMassage.Pages.Tests.Plans;

public sealed class PlanViewTests
{
    private static Task<string> RenderAsync(AdaptationPlan plan) =>
        PageRenderer.Standalone.RenderAsync<PlanView>(new Dictionary<string, object?> { [nameof(PlanView.Plan)] = plan });

    [Fact]
    public async Task Render_TextFromTheMd_IsEncoded()
    {
        var release = new MdRelease(MdReleaseDecision.ModifyAsFollows)
        {
            Restrictions = new MdRestrictions { Conditions = ["<script>alert(1)</script> & no feet"] },
        };
        var plan = new AdaptationEngine().Evaluate(new PlanRequest(ServiceType.OncologyMassage, new DateOnly(2026, 11, 25)) { Release = release });

        var html = await RenderAsync(plan);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Plan_IsOneOrderedListWithALinePerInstruction()
    {
        var plan = Samples.Plan(new Finding(PrecautionCode.Port, new BodySite(BodyRegion.Chest, BodySide.Left)), new Finding(PrecautionCode.LowPlatelets, Value: 15_000));

        var html = await RenderAsync(plan);

        Assert.Equal(PlanRenderer.Lines(plan).Count, html.Split("<li").Length - 1);
        Assert.Contains("Allowed positions: ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SideLying", html, StringComparison.Ordinal);
    }
}
