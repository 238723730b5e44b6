using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Domain.Tests.Referrals;

/// <summary>The client's preferred language (a BCP 47 tag, English by default) travels with the referral.</summary>
public sealed class PreferredLanguageTests
{
    private readonly ReferralNormalizer normalizer = new(new PhoneNumberNormalizer());

    [Fact]
    public void Normalize_NoLanguageGiven_IsEnglish()
    {
        var result = normalizer.Normalize(ReferralRequests.Valid(), ReferralRequests.Today);

        Assert.Equal("en", result.Referral!.Client.PreferredLanguage);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("es-MX")]
    [InlineData("zh-Hant-TW")]
    public void Normalize_LanguageTag_IsKept(string tag)
    {
        var request = ReferralRequests.Valid();
        var result = normalizer.Normalize(request with { Client = request.Client! with { PreferredLanguage = tag } }, ReferralRequests.Today);

        Assert.Equal(tag, result.Referral!.Client.PreferredLanguage);
    }

    [Theory]
    [InlineData("Spanish")]
    [InlineData("e")]
    [InlineData("es_MX")]
    [InlineData("es-")]
    public void Normalize_NotALanguageTag_NamesClientPreferredLanguage(string tag)
    {
        var request = ReferralRequests.Valid();
        var result = normalizer.Normalize(request with { Client = request.Client! with { PreferredLanguage = tag } }, ReferralRequests.Today);

        Assert.Equal(["client.preferredLanguage"], result.Errors.Keys);
    }
}
