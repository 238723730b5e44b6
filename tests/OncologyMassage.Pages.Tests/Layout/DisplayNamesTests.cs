using OncologyMassage.Domain.Clinical;
using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Tests.Layout;

public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData(Position.SideLyingLeft, "Side-lying, left")]
    [InlineData(Position.SideLyingRight, "Side-lying, right")]
    [InlineData(Position.Seated, "Seated")]
    public void Of_Position_IsWords(Position position, string expected) => Assert.Equal(expected, DisplayNames.Of(position));

    [Theory]
    [InlineData(BodyRegion.Chest, BodySide.Right, "Chest, right")]
    [InlineData(BodyRegion.Arm, BodySide.Both, "Arm, both sides")]
    [InlineData(BodyRegion.UpperQuadrant, BodySide.Left, "Upper quadrant, left")]
    [InlineData(BodyRegion.Abdomen, BodySide.Unspecified, "Abdomen")]
    public void Of_BodySite_IsRegionThenSide(BodyRegion region, BodySide side, string expected) =>
        Assert.Equal(expected, DisplayNames.Of(new BodySite(region, side)));

    [Fact]
    public void Of_EveryCode_IsWordsNeverTheCode()
    {
        var shown = Enum.GetValues<Position>().Select(p => (Code: p.ToString(), Words: DisplayNames.Of(p)))
            .Concat(Enum.GetValues<BodyRegion>().Select(r => (Code: r.ToString(), Words: DisplayNames.Of(r))))
            .Concat(Enum.GetValues<TreatmentType>().Select(t => (Code: t.ToString(), Words: DisplayNames.Of(t))))
            .Concat(Enum.GetValues<PrecautionCode>().Select(c => (Code: c.ToCode(), Words: DisplayNames.Of(c))));

        Assert.All(shown, s => Assert.Matches("^[A-Z][^_:]*$", s.Words));
        Assert.All(shown, s => Assert.DoesNotMatch("[a-z][A-Z]", s.Words));
    }
}
