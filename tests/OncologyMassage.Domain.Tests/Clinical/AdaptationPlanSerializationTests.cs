using System.Text.Json;
using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

/// <summary>Plans and findings travel between orchestrations and activities as JSON: they must survive a round trip.</summary>
public sealed class AdaptationPlanSerializationTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void Deserialize_SerializedPlan_EquallyStrict()
    {
        var plan = new AdaptationEngine().Evaluate(
        [
            new Finding(PrecautionCode.Lymphedema, new BodySite(BodyRegion.Arm, BodySide.Left), Signs: FindingSigns.Redness),
            new Finding(PrecautionCode.Nausea, Value: 6),
        ], Today);

        var copy = JsonSerializer.Deserialize<AdaptationPlan>(JsonSerializer.Serialize(plan))!;

        Assert.True(copy.IsAtLeastAsStrictAs(plan) && plan.IsAtLeastAsStrictAs(copy));
    }

    [Fact]
    public void Deserialize_SerializedFinding_Equal()
    {
        var finding = new Finding(PrecautionCode.Port, new BodySite(BodyRegion.Chest, BodySide.Right), Date: Today, Signs: FindingSigns.Redness | FindingSigns.Pain);

        var copy = JsonSerializer.Deserialize<Finding>(JsonSerializer.Serialize(finding));

        Assert.Equal(finding, copy);
    }
}
