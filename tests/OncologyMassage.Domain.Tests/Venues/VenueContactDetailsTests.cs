using OncologyMassage.Domain.Venues;
using static OncologyMassage.Domain.Tests.Venues.Venues;

namespace OncologyMassage.Domain.Tests.Venues;

/// <summary>The venue's client-facing phone and directions (issue 17 item 4): optional, but checked when given.</summary>
public sealed class VenueContactDetailsTests
{
    [Fact]
    public void ErrorsOf_PhoneAndDirectionsWellFormed_IsEmpty()
    {
        var venue = Create() with
        {
            Phone = "+16175550123",
            Directions = "Enter by the north door on Harbor Way.\nParking on level 2; see https://maps.example/harbor for a map.",
        };

        Assert.Empty(VenueValidator.ErrorsOf(venue));
    }

    [Fact]
    public void ErrorsOf_NeitherPhoneNorDirections_IsEmpty()
    {
        Assert.Empty(VenueValidator.ErrorsOf(Create() with { Phone = null, Directions = null }));
    }

    [Theory]
    [InlineData("617 555 0123")]
    [InlineData("+1 617 555 0123")]
    [InlineData("+1617555")]
    [InlineData("call us")]
    [InlineData("")]
    public void ErrorsOf_PhoneNotE164_NamesPhone(string phone)
    {
        Assert.Equal(["phone"], VenueValidator.ErrorsOf(Create() with { Phone = phone }).Keys);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("Take the <b>north</b> door")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("North door\u0007 then left")]
    [InlineData("North door\u202E then left")]
    [InlineData("Map: https://admin:hunter2@maps.example/harbor")]
    [InlineData("Map: ftp://user@files.example/map.pdf")]
    [InlineData("Map: javascript:alert(1)")]
    [InlineData("Map: data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("Map: ftp://files.example/map.pdf")]
    public void ErrorsOf_DirectionsNotPlainSafeText_NamesDirections(string directions)
    {
        Assert.Equal(["directions"], VenueValidator.ErrorsOf(Create() with { Directions = directions }).Keys);
    }

    [Fact]
    public void ErrorsOf_DirectionsTooLong_NamesDirections()
    {
        var venue = Create() with { Directions = new string('a', VenueValidator.DirectionsMaxLength + 1) };

        Assert.Equal(["directions"], VenueValidator.ErrorsOf(venue).Keys);
    }

    [Fact]
    public void ErrorsOf_DirectionsAtTheLimit_IsEmpty()
    {
        Assert.Empty(VenueValidator.ErrorsOf(Create() with { Directions = new string('a', VenueValidator.DirectionsMaxLength) }));
    }
}
