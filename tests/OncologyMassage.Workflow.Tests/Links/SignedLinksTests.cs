using Microsoft.Extensions.Time.Testing;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Workflow.Tests.Links;

public sealed class SignedLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);

    private SignedLinks Links(string key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=") =>
        new(Microsoft.Extensions.Options.Options.Create(new LinkOptions { PublicBaseUrl = "https://om.example/", SigningKey = key }), clock);

    private static string TokenOf(Uri link) => link.Segments[^1];

    [Fact]
    public void Create_ThenCheck_IsValidForTheReferralUntilItExpires()
    {
        var link = Links().Create(LinkPurposes.Release, "ref-1", Now.AddDays(14));

        var check = Links().Check(LinkPurposes.Release, TokenOf(link));

        Assert.StartsWith("https://om.example/api/release/", link.ToString(), StringComparison.Ordinal);
        Assert.Equal(new LinkCheck(LinkStatus.Valid, "ref-1", Now.AddDays(14)), check);
    }

    [Fact]
    public void Create_SameInputsTwice_GivesTheSameLink() =>
        Assert.Equal(Links().Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)), Links().Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));

    [Fact]
    public void Check_AfterExpiry_IsExpired()
    {
        var token = TokenOf(Links().Create(LinkPurposes.Release, "ref-1", Now.AddMinutes(5)));
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(LinkStatus.Expired, Links().Check(LinkPurposes.Release, token).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void Check_Garbage_IsInvalid(string? token) => Assert.Equal(LinkStatus.Invalid, Links().Check(LinkPurposes.Release, token).Status);

    [Fact]
    public void Check_PayloadChangedToAnotherReferral_IsInvalid()
    {
        var token = TokenOf(Links().Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));
        var other = TokenOf(Links().Create(LinkPurposes.Release, "ref-2", Now.AddDays(1)));
        var forged = other.Split('.')[0] + "." + token.Split('.')[1];

        Assert.Equal(LinkStatus.Invalid, Links().Check(LinkPurposes.Release, forged).Status);
    }

    [Fact]
    public void Check_SignedWithAnotherKey_IsInvalid()
    {
        var token = TokenOf(Links("ZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmY=").Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));

        Assert.Equal(LinkStatus.Invalid, Links().Check(LinkPurposes.Release, token).Status);
    }

    [Fact]
    public void Check_ForAnotherPurpose_IsInvalid()
    {
        var token = TokenOf(Links().Create("intake", "ref-1", Now.AddDays(1)));

        Assert.Equal(LinkStatus.Invalid, Links().Check(LinkPurposes.Release, token).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public void Base64Key_TooShortOrMalformed_IsRejected(string key)
    {
        var attribute = new Base64KeyAttribute { MinimumBytes = 32 };

        Assert.Equal(key.Length == 0, attribute.IsValid(key)); // empty is [Required]'s to report
    }
}
