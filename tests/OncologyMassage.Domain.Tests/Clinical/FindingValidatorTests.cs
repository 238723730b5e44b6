using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

public sealed class FindingValidatorTests
{
    private static readonly FindingValidator Validator = new(new DateOnly(2026, 11, 25));

    [Fact]
    public void Validate_NodesWithoutSide_AsksForSide()
    {
        var result = Validator.Validate(new Finding(PrecautionCode.NodesRemoved, new BodySite(BodyRegion.UpperQuadrant)));

        Assert.Equal("NODES_REMOVED: give the site and side (left, right or both).", Assert.Single(result.Errors).ErrorMessage);
    }

    [Fact]
    public void Validate_PlateletsNegative_Rejected()
    {
        Assert.False(Validator.Validate(new Finding(PrecautionCode.LowPlatelets, Value: -5)).IsValid);
    }

    [Fact]
    public void Validate_FutureDate_Rejected()
    {
        Assert.False(Validator.Validate(new Finding(PrecautionCode.SurgicalSite, Date: new DateOnly(2026, 12, 1))).IsValid);
    }

    [Fact]
    public void Validate_PortOnChest_Valid()
    {
        Assert.True(Validator.Validate(new Finding(PrecautionCode.Port, new BodySite(BodyRegion.Chest, BodySide.Right))).IsValid);
    }
}
