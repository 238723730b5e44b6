using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

public sealed class BodySitesTests
{
    [Theory]
    [InlineData("arm:left", BodyRegion.Arm, BodySide.Left)]
    [InlineData("upper-quadrant:right", BodyRegion.UpperQuadrant, BodySide.Right)]
    [InlineData("left arm", BodyRegion.Arm, BodySide.Left)]
    [InlineData("Right-Leg", BodyRegion.Leg, BodySide.Right)]
    [InlineData("head-neck", BodyRegion.HeadNeck, BodySide.Unspecified)]
    [InlineData("lower back", BodyRegion.LowerBack, BodySide.Unspecified)]
    public void TryParse_WireOrWords_Parsed(string text, BodyRegion region, BodySide side)
    {
        Assert.True(BodySites.TryParse(text, out var site));
        Assert.Equal(new BodySite(region, side), site);
    }

    [Theory]
    [InlineData("elbow")]
    [InlineData("arm:up")]
    [InlineData("")]
    public void TryParse_Unknown_False(string text)
    {
        Assert.False(BodySites.TryParse(text, out _));
    }

    [Fact]
    public void ToWire_LateralSite_RegionColonSide()
    {
        Assert.Equal("upper-quadrant:right", new BodySite(BodyRegion.UpperQuadrant, BodySide.Right).ToWire());
    }

    [Fact]
    public void Overlaps_QuadrantAndArmSameSide_True()
    {
        Assert.True(new BodySite(BodyRegion.UpperQuadrant, BodySide.Left).Overlaps(new BodySite(BodyRegion.Arm, BodySide.Left)));
    }

    [Fact]
    public void Overlaps_QuadrantAndArmOtherSide_False()
    {
        Assert.False(new BodySite(BodyRegion.UpperQuadrant, BodySide.Left).Overlaps(new BodySite(BodyRegion.Arm, BodySide.Right)));
    }
}
