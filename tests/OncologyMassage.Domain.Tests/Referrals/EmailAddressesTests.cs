using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Domain.Tests.Referrals;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("rosa.demo@example.org")]
    [InlineData("o'brien+referrals@harbor-oncology.example")]
    [InlineData("CARE.TEAM@Clinic.Example.co.uk")]
    public void IsValid_PlainAddress_True(string value) => Assert.True(EmailAddresses.IsValid(value));

    [Theory]
    [InlineData("rosa@")] // no domain after @
    [InlineData("@example.org")] // no local part
    [InlineData("rosa.demo")] // no @ at all
    [InlineData("rosa demo@example.org")] // a space an address cannot hold
    [InlineData("rosa@exa mple.org")]
    [InlineData("rosa@example")] // not an internet host name
    [InlineData("rosa@example..org")]
    [InlineData("rosa@-example.org")]
    [InlineData("rosa,ben@example.org")]
    [InlineData("Rosa <rosa@example.org>")] // a display name: one address, not a header
    [InlineData("rosa(comment)@example.org")]
    [InlineData("rosa@example.org\r\nBcc: x@evil.example")] // header injection
    [InlineData(" rosa@example.org")]
    [InlineData("rosa@[127.0.0.1]")]
    public void IsValid_NotAnAddress_False(string value) => Assert.False(EmailAddresses.IsValid(value));

    [Fact]
    public void IsValid_LongerThanSmtpAllows_False() =>
        Assert.False(EmailAddresses.IsValid(new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".org"));
}
