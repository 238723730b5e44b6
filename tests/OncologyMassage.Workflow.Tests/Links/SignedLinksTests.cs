using Microsoft.Extensions.Time.Testing;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Workflow.Tests.Links;

public sealed class SignedLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);

    private const string KeyA = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private const string KeyB = "ZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmY=";
    private const string KeyC = "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2M=";

    private SignedLinks Links(string key = KeyA, string previous = "") =>
        new(Microsoft.Extensions.Options.Options.Create(new LinkOptions { PublicBaseUrl = "https://om.example/", SigningKey = key, PreviousSigningKey = previous }), clock);

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
    public void Create_WithASubject_CheckGivesItBack()
    {
        var token = TokenOf(Links().Create(LinkPurposes.Survey, "ref-1", Now.AddDays(2), "sms24h-2"));

        var check = Links().Check(LinkPurposes.Survey, token);

        Assert.Equal((LinkStatus.Valid, "ref-1", "sms24h-2"), (check.Status, check.ReferralId, check.Subject));
    }

    [Fact]
    public void Check_TokenMadeBeforeSubjects_StillVerifiesWithoutASubject()
    {
        var token = TokenOf(Links().Create(LinkPurposes.Survey, "ref-1", Now.AddDays(2)));

        var check = Links().Check(LinkPurposes.Survey, token);

        Assert.Equal((LinkStatus.Valid, (string?)null), (check.Status, check.Subject));
    }

    [Fact]
    public void Check_SubjectChangedToAnotherFollowUp_IsInvalid()
    {
        var parts = TokenOf(Links().Create(LinkPurposes.Survey, "ref-1", Now.AddDays(2), "sms24h-1")).Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/') + new string('=', (4 - (parts[1].Length % 4)) % 4)));
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload.Replace("sms24h-1", "survey-1", StringComparison.Ordinal)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal(LinkStatus.Invalid, Links().Check(LinkPurposes.Survey, $"{parts[0]}.{forged}.{parts[2]}").Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("survey-1|sms30d-1")]
    public void Create_SubjectEmptyOrWithTheSeparator_Throws(string subject) =>
        Assert.Throws<ArgumentException>(() => Links().Create(LinkPurposes.Survey, "ref-1", Now.AddDays(2), subject));

    [Fact]
    public void Check_PayloadChangedToAnotherReferral_IsInvalid()
    {
        var token = TokenOf(Links().Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));
        var other = TokenOf(Links().Create(LinkPurposes.Release, "ref-2", Now.AddDays(1)));
        var forged = string.Join('.', token.Split('.')[0], other.Split('.')[1], token.Split('.')[2]);

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

    [Fact]
    public void Create_Token_NamesTheSigningKeysId()
    {
        var links = Links();

        var token = TokenOf(links.Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));

        Assert.Equal(links.CurrentKeyId, token.Split('.')[0]);
        Assert.NotEqual(Links(KeyB).CurrentKeyId, links.CurrentKeyId);
    }

    [Fact]
    public void Check_SignedWithThePreviousKeyAfterARotation_IsValid()
    {
        var sentBeforeRotation = TokenOf(Links(KeyA).Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));

        var check = Links(KeyB, previous: KeyA).Check(LinkPurposes.Release, sentBeforeRotation);

        Assert.Equal(new LinkCheck(LinkStatus.Valid, "ref-1", Now.AddDays(1)), check);
    }

    [Fact]
    public void Check_SignedWithAKeyOlderThanThePrevious_IsInvalid()
    {
        var twoRotationsAgo = TokenOf(Links(KeyA).Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));

        Assert.Equal(LinkStatus.Invalid, Links(KeyC, previous: KeyB).Check(LinkPurposes.Release, twoRotationsAgo).Status);
    }

    [Fact]
    public void Check_KeyIdRelabelledToTheCurrentKey_IsInvalid()
    {
        var token = TokenOf(Links(KeyA).Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));
        var relabelled = Links(KeyB).CurrentKeyId + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Equal(LinkStatus.Invalid, Links(KeyB, previous: KeyA).Check(LinkPurposes.Release, relabelled).Status);
    }

    [Fact]
    public void Check_TokenWithoutKeyId_IsInvalid()
    {
        var token = TokenOf(Links().Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));

        Assert.Equal(LinkStatus.Invalid, Links().Check(LinkPurposes.Release, token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..]).Status);
    }

    [Fact]
    public void Check_PreviousKeyIsAnUnresolvedKeyVaultReference_OnlyTheCurrentKeyVerifies()
    {
        var links = Links(KeyB, previous: "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/links-signing-key-previous/)");
        var old = TokenOf(Links(KeyA).Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));
        var fresh = TokenOf(links.Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));

        Assert.Equal((LinkStatus.Invalid, LinkStatus.Valid), (links.Check(LinkPurposes.Release, old).Status, links.Check(LinkPurposes.Release, fresh).Status));
    }

    [Fact]
    public void Create_SigningKeyIsAnUnresolvedKeyVaultReference_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Links("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/links-signing-key/)")
            .Create(LinkPurposes.Release, "ref-1", Now.AddDays(1)));

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public void Base64Key_TooShortOrMalformed_IsRejected(string key)
    {
        var attribute = new Base64KeyAttribute { MinimumBytes = 32 };

        Assert.Equal(key.Length == 0, attribute.IsValid(key)); // empty is [Required]'s to report
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/links-signing-key/)", false)]
    [InlineData(" @microsoft.keyvault(VaultName=kv;SecretName=links-signing-key)", false)]
    [InlineData(KeyA, true)]
    public void SigningKey_UnresolvedKeyVaultReference_FailsValidation(string value, bool valid)
    {
        var options = new LinkOptions { PublicBaseUrl = "https://om.example", SigningKey = value };

        var ok = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), null, validateAllProperties: true);

        Assert.Equal(valid, ok);
    }

    [Fact]
    public void PreviousSigningKey_UnresolvedKeyVaultReference_CountsAsNotSet()
    {
        var options = new LinkOptions { PublicBaseUrl = "https://om.example", SigningKey = KeyA, PreviousSigningKey = "@Microsoft.KeyVault(SecretUri=https://kv/secrets/x/)" };

        Assert.True(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), null, validateAllProperties: true));
    }
}
